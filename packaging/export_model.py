"""Put the ONNX export of the default model into the folder the bundle ships as ``exports/``.

    .venv/bin/python packaging/export_model.py build/exports

Exports the model the first time (torch is needed here, at build time, never in the bundle), then
copies the export folder (model.onnx, tokenizer.json, encoder.json) to ``TARGET/<model name>``.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from reader.core.embed import load_encoder, readable_name
from reader.core.embed.onnx_route import OnnxEncoder
from reader.core.settings import DEFAULT_MODEL


def main(target: Path) -> int:
    encoder = load_encoder(DEFAULT_MODEL, route="onnx", cache=False)
    if not isinstance(encoder, OnnxEncoder):
        raise SystemExit(f"export_model: {DEFAULT_MODEL} did not load on the ONNX route")
    destination = target / readable_name(DEFAULT_MODEL)
    shutil.rmtree(destination, ignore_errors=True)
    shutil.copytree(encoder.folder, destination)
    print(f"export_model: {DEFAULT_MODEL} -> {destination}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
