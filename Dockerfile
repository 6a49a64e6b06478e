# SwiGLU Lab: one app replica per container. Several containers behind nginx: deploy/ and docs/deploy.md.
#   docker build -t swiglu-lab .
#   docker run -p 8501:8501 -e STREAMLIT_SERVER_COOKIE_SECRET=... swiglu-lab
# Not built in the project's own CI: its machines have the docker client but no engine. tests/deploy checks
# this file statically.
FROM python:3.11-slim

# OMP/MKL: torch in a server with many sessions, one thread per computation (the training pool sets it too).
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    OMP_NUM_THREADS=1 \
    MKL_NUM_THREADS=1

WORKDIR /app

# torch is pinned in requirements.txt (torch==2.13.0). The project's machines take it from a local CPU
# wheel; a Docker build has no such wheel, and PyPI's torch for Linux x86_64 is a CUDA build of several GB.
# So torch comes first from PyTorch's CPU index (the same pinned version, read from requirements.txt),
# then `pip install -r requirements.txt` finds it satisfied and installs the rest from PyPI.
# On a machine that has the local wheel (or a mirror), build with --build-arg TORCH_INDEX_URL= (empty)
# to install straight from requirements.txt.
ARG TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu
COPY requirements.txt ./
RUN if [ -n "$TORCH_INDEX_URL" ]; then \
        pip install --index-url "$TORCH_INDEX_URL" "$(grep -E '^torch==' requirements.txt)"; \
    fi \
 && pip install -r requirements.txt

# The app's files belong to root and are only readable by the user that runs it.
COPY . .
# plotly.js for the live plot (ui/live_plot.py): copied from the installed plotly package into ./static/ now,
# because the user that runs the app may not write there.
RUN python -m ui.live_plot
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin swiglu \
 && install -d -o swiglu -g swiglu /app/data
# Class mode: one SQLite file in /app/data unless SWIGLU_DATABASE_URL names a shared PostgreSQL (docs/deploy.md)
ENV SWIGLU_DATA_DIR=/app/data
USER swiglu

EXPOSE 8501

# No curl in the slim image: ask the health endpoint with Python's urllib (non-200 or no answer -> exit 1).
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; r = urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4); sys.exit(0 if r.status == 200 else 1)"]

# .streamlit/config.toml in /app holds the hardened settings (docs/deploy.md). Per deployment, pass:
#   STREAMLIT_SERVER_COOKIE_SECRET   the same on every replica
#   STREAMLIT_SERVER_ALLOWED_HOSTS   space-separated host names the browsers use (WebSocket Host allow-list)
CMD ["streamlit", "run", "serve.py", "--server.address", "0.0.0.0", "--server.port", "8501", "--server.headless", "true"]
