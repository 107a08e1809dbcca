# The dashboard for a team: `ecosystem serve` on a workspace mounted at /workspace.
#   docker build -t ecosystem .
#   docker run --rm -i -v DIR:/workspace ecosystem ecosystem users add NAME --role evaluator \
#       --password-stdin --workspace /workspace
#   docker run -d -p 127.0.0.1:8050:8050 -v DIR:/workspace ecosystem \
#       ecosystem serve --workspace /workspace --host 0.0.0.0 \
#       --allowed-host ecosystem.example.org --behind-https
# Serve it behind an HTTPS reverse proxy (README, "For a team"). Image exports (PNG, SVG,
# PDF) need Chromium, which this small image leaves out; tables, graphs and reports work.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /src
COPY pyproject.toml constraints.txt README.md ./
COPY ecosystem ./ecosystem
RUN pip install --constraint constraints.txt . \
    && useradd --create-home --uid 10001 ecosystem \
    && mkdir /workspace \
    && chown ecosystem /workspace

USER ecosystem
VOLUME /workspace
EXPOSE 8050
CMD ["ecosystem", "serve", "--workspace", "/workspace", "--host", "0.0.0.0", "--port", "8050"]
