"""Shared fixtures: the repository, the `gongkai` binary, one CLI run over `samples/`."""

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"


def gongkai_bin() -> Path:
    """The CLI binary (GONGKAI_BIN, else target/release/gongkai, built when missing)."""
    env = os.environ.get("GONGKAI_BIN")
    if env:
        return Path(env)
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    subprocess.run(
        ["cargo", "build", "--release", "-q", "-p", "gongkai-cli"], cwd=ROOT, check=True
    )
    return target / "release" / "gongkai"


@pytest.fixture(scope="session")
def cli() -> Path:
    return gongkai_bin()


@pytest.fixture(scope="session")
def cli_samples(cli, tmp_path_factory):
    """`gongkai extract samples -o OUT` (every sample, real pages, broken files): the
    output folder and its report."""
    out = tmp_path_factory.mktemp("cli-samples")
    p = subprocess.run(
        [str(cli), "extract", "-q", "samples", "-o", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    # 1: the broken files in samples/bad failed, as they should.
    assert p.returncode == 1, p.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return out, report
