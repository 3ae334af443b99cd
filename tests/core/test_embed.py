"""Embedding routes, the vector cache and their contracts, with the real bundled model on BASIL sentences."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import threading
import time

import numpy as np
import pytest
from conftest import BASIL

import reader.core.embed.export as export_module
import reader.core.embed.onnx_route as onnx_route
import reader.core.embed.quantize as quantize_module
from reader.core.embed import ModelNotFoundError, load_encoder
from reader.core.embed.cached import CachedEncoder
from reader.core.embed.export import ExportError
from reader.core.embed.models import CACHE_ENV, resolve_model_dir
from reader.core.embed.onnx_route import MODEL_FILE, ExportConfig, OnnxEncoder, is_export, length_batches
from reader.core.embed.quantize import QuantizeError
from reader.core.model import Cancelled, CancelToken
from reader.core.settings import DEFAULT_MODEL
from reader.core.vectorcache import VectorCache


def basil_sentences(limit: int) -> list[str]:
    """The first ``limit`` distinct body sentences of the 2010 BASIL articles."""
    sentences: dict[str, None] = {}
    for path in sorted((BASIL / "articles" / "2010").glob("*.json")):
        article = json.loads(path.read_text(encoding="utf-8"))
        for paragraph in article["body-paragraphs"]:
            sentences.update(dict.fromkeys(s.strip() for s in paragraph if s.strip()))
        if len(sentences) >= limit:
            break
    return list(sentences)[:limit]


class CountingEncoder:
    """A real encoder that records how many sentences it was asked to encode."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.name = inner.name
        self.route = inner.route
        self.encoded = 0

    def encode(self, texts, cancel=None, progress=None):
        self.encoded += len(texts)
        return self.inner.encode(texts, cancel, progress)


def test_default_route_is_onnx(encoder):
    assert encoder.route == "onnx"


def test_onnx_vectors_equal_sentence_transformers(encoder):
    sentences = basil_sentences(120)
    torch_route = load_encoder(route="torch", cache=False)
    fast = encoder.inner.encode(sentences)
    reference = torch_route.encode(sentences)
    assert np.min(np.sum(fast * reference, axis=1)) >= 0.9999


def test_export_traces_eager_attention_and_gives_the_model_its_own_back(encoder):
    import onnx

    from reader.core.embed.torch_route import load_sentence_transformer

    graph = onnx.load(str(encoder.inner.folder / "model.onnx")).graph
    assert "IsNaN" not in {node.op_type for node in graph.node}  # no guards of traced SDPA
    model = load_sentence_transformer(resolve_model_dir(DEFAULT_MODEL))
    before = model[0].auto_model.config._attn_implementation
    with export_module._eager_attention(model):
        assert model[0].auto_model.config._attn_implementation == "eager"
    assert model[0].auto_model.config._attn_implementation == before


def test_a_sentence_has_one_vector_whatever_batch_it_is_padded_in(encoder):
    sentences = basil_sentences(40)
    together = encoder.inner.encode(sentences)
    alone = np.concatenate([encoder.inner.encode([s]) for s in sentences[:12]])
    assert np.min(np.sum(together[:12] * alone, axis=1)) >= 0.99999


@pytest.fixture(scope="module")
def int8(encoder):
    """The int8 copy of the real default model, quantised beside the session's FP32 export."""
    return load_encoder(cache=False, precision="int8")


def test_int8_copy_sits_beside_the_export_and_its_vectors_stay_close_to_fp32(encoder, int8):
    assert int8.route == "onnx" and int8.config.precision == "int8" and int8.batch_limit == 1
    assert int8.folder == encoder.inner.folder.with_name(f"{encoder.inner.folder.name}.int8")
    assert (int8.folder / MODEL_FILE).stat().st_size < (encoder.inner.folder / MODEL_FILE).stat().st_size / 3
    sentences = basil_sentences(120)
    cosines = np.sum(int8.encode(sentences) * encoder.inner.encode(sentences), axis=1)
    assert cosines.mean() >= 0.98 and cosines.min() >= 0.95
    assert cosines.max() < 0.9999  # it did run the int8 weights


def test_an_int8_sentence_vector_does_not_depend_on_its_batch_mates(int8):
    sentences = basil_sentences(40)
    together = int8.encode(sentences)
    alone = np.concatenate([int8.encode([s]) for s in sentences[:12]])
    np.testing.assert_array_equal(together[:12], alone)


def test_the_vector_cache_keeps_fp32_and_int8_vectors_apart(encoder, int8):
    sentences = [f"{s} (cache test)" for s in basil_sentences(20)]
    fp32_cached = load_encoder(precision="fp32")
    int8_cached = load_encoder(precision="int8")
    assert fp32_cached.model_id != int8_cached.model_id
    first = fp32_cached.encode(sentences), int8_cached.encode(sentences)
    again = fp32_cached.encode(sentences), int8_cached.encode(sentences)
    for vectors in (first, again):
        np.testing.assert_array_equal(vectors[0], encoder.inner.encode(sentences))
        np.testing.assert_array_equal(vectors[1], int8.encode(sentences))
    stored = VectorCache().get(int8_cached.model_id, sentences)
    np.testing.assert_array_equal(np.stack(stored), int8.encode(sentences))


def test_int8_stays_fp32_with_a_warning_where_there_is_no_int8_copy(monkeypatch, encoder, tmp_path, caplog):
    def refuse(*_args, **_kwargs):
        raise QuantizeError("refused for the test")

    shutil.copytree(encoder.inner.folder, tmp_path / "onnx" / encoder.inner.folder.name)
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))  # the FP32 export without its int8 copy
    monkeypatch.setattr(quantize_module, "quantize_export", refuse)
    with caplog.at_level(logging.WARNING):
        fallback = load_encoder(precision="int8")
    assert "refused for the test" in caplog.text and "using FP32" in caplog.text
    assert fallback.model_id == encoder.model_id and fallback.inner.config.precision == "fp32"
    with pytest.raises(ValueError, match="precision"):
        load_encoder(precision="fp16")


def test_more_cores_than_runners_are_shared_out_to_each_run(encoder, monkeypatch):
    monkeypatch.setattr(onnx_route, "usable_cores", lambda: 8)
    wide = OnnxEncoder(encoder.inner.name, encoder.inner.folder)
    assert wide.runner_count == 4
    assert wide.session.get_session_options().intra_op_num_threads == 2
    sentences = basil_sentences(30)
    assert np.min(np.sum(wide.encode(sentences) * encoder.inner.encode(sentences), axis=1)) >= 0.99999


def test_length_batches_pad_little_and_cover_every_sentence_once():
    lengths = sorted([9] * 7 + [12] * 5 + [30] * 3 + [61] * 2 + [20] * 40)
    ranges = length_batches(lengths, run_cost=16, largest=32, most_tokens=400)
    assert [i for r in ranges for i in r] == list(range(len(lengths)))
    assert all(0 < len(r) <= 32 and len(r) * lengths[r.stop - 1] <= 400 for r in ranges)
    padded = sum(len(r) * lengths[r.stop - 1] for r in ranges)
    fixed = sum(len(lengths[i : i + 16]) * max(lengths[i : i + 16]) for i in range(0, len(lengths), 16))
    assert padded + 16 * len(ranges) < fixed + 16 * -(-len(lengths) // 16)
    assert lengths[ranges[-1].start] == 61  # the two longest are padded with no shorter sentence
    assert length_batches([300, 500], run_cost=16, largest=32, most_tokens=400) == [range(0, 1), range(1, 2)]


def test_vectors_are_unit_float32_rows(encoder):
    vectors = encoder.encode(basil_sentences(40))
    assert vectors.dtype == np.float32
    assert vectors.shape == (40, 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_empty_input_gives_empty_matrix(encoder):
    assert encoder.encode([]).shape == (0, 384)


def test_vector_cache_round_trip(tmp_path):
    vectors = np.random.default_rng(0).standard_normal((2, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    cache = VectorCache(tmp_path / "v.sqlite3")
    cache.put("m", ["a", "b"], vectors)
    cache.close()
    reopened = VectorCache(tmp_path / "v.sqlite3")
    found = reopened.get("m", ["b", "missing", "a"])
    np.testing.assert_array_equal(found[0], vectors[1])
    assert found[1] is None
    np.testing.assert_array_equal(found[2], vectors[0])
    assert reopened.get("other-model", ["a"]) == [None]


def test_a_damaged_vector_cache_is_set_aside_and_rebuilt(tmp_path, caplog):
    path = tmp_path / "v.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    cache = VectorCache(path)
    cache.put("m", ["a"], np.eye(3, dtype=np.float32)[:1])
    np.testing.assert_array_equal(cache.get("m", ["a"])[0], [1, 0, 0])
    assert (tmp_path / "v.sqlite3.damaged").exists()
    assert "is damaged" in caplog.text


def test_a_stored_vector_that_is_not_a_unit_vector_counts_as_missing(tmp_path):
    cache = VectorCache(tmp_path / "v.sqlite3")
    cache.put("m", ["ok", "zero", "nan"], np.array([[0, 1], [0, 0], [np.nan, 1]], dtype=np.float32))
    with cache._db:
        cache._db.execute("INSERT INTO vectors VALUES ('m', 'odd', x'0102')")
    found = cache.get("m", ["ok", "zero", "nan", "odd"])
    assert found[0] is not None and found[1:] == [None, None, None]


def test_vector_cache_serves_a_reader_while_another_thread_writes(tmp_path):
    cache = VectorCache(tmp_path / "v.sqlite3")
    vectors = np.eye(4, dtype=np.float32)
    texts = [f"sentence {i}" for i in range(200)]

    def write() -> None:
        for i, text in enumerate(texts):
            cache.put("m", [text], vectors[i % 4][None])

    writer = threading.Thread(target=write)
    writer.start()
    while writer.is_alive():
        found = cache.get("m", texts)
        assert all(v is None or v.shape == (4,) for v in found)
    writer.join()
    assert len(cache) == 200


def test_cached_encoder_encodes_each_sentence_once(encoder, tmp_path):
    counting = CountingEncoder(encoder.inner)
    cached = CachedEncoder(counting, VectorCache(tmp_path / "v.sqlite3"), "model-id")
    sentences = basil_sentences(30)
    first = cached.encode(sentences[:20])
    second = cached.encode(sentences)
    assert counting.encoded == 30
    np.testing.assert_array_equal(first, second[:20])


def test_cancel_between_batches_raises_cancelled(encoder):
    token = CancelToken()
    seen: list[int] = []

    def cancel_after_first_batch(done: int, total: int) -> None:
        seen.append(done)
        token.cancel()

    with pytest.raises(Cancelled):
        encoder.inner.encode(basil_sentences(100), cancel=token, progress=cancel_after_first_batch)
    assert len(seen) == 1 and 0 < seen[0] <= encoder.inner.largest_batch


def test_progress_counts_cached_sentences_as_done(encoder, tmp_path):
    cached = CachedEncoder(encoder.inner, VectorCache(tmp_path / "v.sqlite3"), "model-id")
    sentences = basil_sentences(70)
    cached.encode(sentences[:20])
    calls: list[tuple[int, int]] = []
    cached.encode(sentences, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (70, 70)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert 20 < calls[0][0] <= 20 + encoder.inner.largest_batch and calls[0][1] == 70


def test_model_names_resolve_to_local_folders():
    packaged = resolve_model_dir(DEFAULT_MODEL)
    assert (packaged / "modules.json").is_file()
    assert resolve_model_dir(str(packaged)) == packaged


def test_unknown_model_gives_clear_error_without_network():
    started = time.perf_counter()
    with pytest.raises(ModelNotFoundError, match="no download is attempted"):
        load_encoder("no-such-org/no-such-model-4711")
    assert time.perf_counter() - started < 5


def test_unknown_route_is_rejected():
    with pytest.raises(ValueError, match="route"):
        load_encoder(route="gpu")


def test_failed_export_falls_back_to_torch(monkeypatch, tmp_path, caplog):
    def refuse(*_args, **_kwargs):
        raise ExportError("refused for the test")

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(export_module, "export_onnx", refuse)
    with pytest.raises(ExportError):
        load_encoder(route="onnx", cache=False)
    with caplog.at_level(logging.WARNING):
        fallback = load_encoder(route="auto", cache=False)
    assert fallback.route == "torch"
    assert "refused for the test" in caplog.text
    assert load_encoder(route="auto", cache=False).route == "torch"


@pytest.mark.slow
def test_a_truncated_onnx_export_is_exported_again(encoder, monkeypatch, tmp_path, caplog):
    folder = tmp_path / "onnx" / encoder.inner.folder.name
    shutil.copytree(encoder.inner.folder, folder)
    ExportConfig.load(folder).save(folder)  # records the sizes (an export made before sizes were kept)
    model = folder / MODEL_FILE
    model.write_bytes(model.read_bytes()[: model.stat().st_size // 2])
    assert not is_export(folder)
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    with caplog.at_level(logging.WARNING):
        again = load_encoder(route="onnx", cache=False)
    assert "damaged or incomplete; exporting it again" in caplog.text
    assert is_export(folder) and again.route == "onnx"
    sentence = ["The port reopened on Monday."]
    assert float((again.encode(sentence) @ encoder.inner.encode(sentence).T)[0, 0]) > 0.9999


def test_onnx_route_never_imports_torch(encoder):
    cache_dir = encoder.inner.folder.parent.parent
    script = (
        "import sys\n"
        "from reader.core.embed import load_encoder\n"
        "encoder = load_encoder(cache=False)\n"
        "print(encoder.route, encoder.encode(['The vote was delayed.']).shape)\n"
        "print(sorted(m for m in ('torch', 'sentence_transformers') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=os.environ | {CACHE_ENV: str(cache_dir)},
        check=True,
    )
    assert result.stdout.split("\n")[:2] == ["onnx (1, 384)", "[]"]
