"""SwiGLU Lab core: activations, feed-forward blocks, training, plots, texts and URL state.

Pure PyTorch / NumPy / Plotly; never imports streamlit (a test enforces it)."""
