# drafter: the API server with the bundled embedding model; no download at run time.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    ANONYMIZED_TELEMETRY=False \
    DRAFTER_DATA_DIR=/data \
    DRAFTER_PROMPTS_DIR=/app/prompts

WORKDIR /app

# torch first and pinned to the CPU build: an unpinned resolve pulls several GB of CUDA.
RUN pip install --index-url https://download.pytorch.org/whl/cpu torch==2.13.0

COPY pyproject.toml README.md ./
COPY drafter ./drafter
RUN pip install .

COPY prompts ./prompts
COPY knowledge ./knowledge

# Load the bundled model once at build time so a broken install fails the build, not the first request.
RUN python -c "from drafter.embeddings import MiniLMEmbedder; print(MiniLMEmbedder().embed(['ok']).shape)"

# ONNX forms of the same model (DRAFTER_EMBEDDING_RUNTIME=onnx or onnx-int8), converted from the bundled weights.
ENV DRAFTER_MODEL_CACHE_DIR=/app/models
RUN drafter models build

RUN useradd --create-home --uid 1000 drafter && mkdir -p /data && chown drafter /data
USER drafter
VOLUME ["/data"]
EXPOSE 8000

CMD ["drafter", "serve", "--host", "0.0.0.0", "--port", "8000"]
