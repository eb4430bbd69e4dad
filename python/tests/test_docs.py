"""The README's notebook-style Python example runs as written (on the Helsinki data saved
as district.geojson in a scratch folder), so the documented calls cannot rot."""
import contextlib
import io
import os
import re
import shutil

from conftest import HELSINKI, REPO

MARKER = "<!-- doc-test: python/tests/test_docs.py -->"


def readme_example() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert MARKER in text, "README.md lost the marked Python example"
    after = text[text.index(MARKER) + len(MARKER):]
    m = re.match(r"\s*```python\n(.*?)\n```", after, re.S)
    assert m, "the marker must be followed by a ```python block"
    return m.group(1)


def test_readme_python_example_runs(tmp_path):
    shutil.copy(HELSINKI / "normalized.geojson", tmp_path / "district.geojson")
    code = readme_example()
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(code, "README.md example", "exec"), {"__name__": "readme_example"})
    finally:
        os.chdir(cwd)
    lines = out.getvalue().splitlines()
    # One printed line per print() call of the example, the last one the error's code.
    assert len(lines) == code.count("print("), lines
    assert lines[-1] == "INVALID_JSON None"
    assert lines[3].startswith("building "), lines[3]
