"""Streamlit glue: language, page frame, controls from the settings table, share links.

Everything that touches streamlit lives here or in pages/; the math lives in swiglu/."""
