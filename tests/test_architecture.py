"""House rules: the core never imports streamlit; pages hold no literal user-facing text and do no math."""

import ast
import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
UI_FILES = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]


def test_core_never_imports_streamlit():
    offenders = []
    for path in (ROOT / "swiglu").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            if any(n == "streamlit" or n.startswith("streamlit.") for n in names):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_importing_the_whole_core_loads_no_streamlit():
    code = ("import importlib, pkgutil, sys, swiglu\n"
            "for m in pkgutil.walk_packages(swiglu.__path__, 'swiglu.'):\n"
            "    importlib.import_module(m.name)\n"
            "print('streamlit' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


def _string_literals(tree):
    """String constants that are call arguments (what a page could show), minus docstrings."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    yield node, arg.value
                if isinstance(arg, ast.JoinedStr):
                    for part in arg.values:
                        if isinstance(part, ast.Constant) and any(ch.isalpha() for ch in part.value):
                            yield node, part.value


ALLOWED = {
    # keys, widget kinds, file names, mime types, icons, formats: not prose a user reads
}


def _looks_like_prose(s: str) -> bool:
    if any("\u4e00" <= ch <= "\u9fff" for ch in s):
        return True
    words = [w for w in s.replace("_", " ").split() if w.isalpha()]
    return len(words) >= 2 and " " in s.strip()


def test_no_literal_user_facing_strings_in_pages():
    offenders = []
    for path in UI_FILES:
        for _node, s in _string_literals(ast.parse(path.read_text(encoding="utf-8"))):
            if _looks_like_prose(s) and s not in ALLOWED:
                offenders.append(f"{path.name}: {s[:60]!r}")
    assert offenders == []


MATH_MODULES = {"torch", "numpy", "math", "scipy"}


def test_pages_do_no_math():
    offenders = []
    for path in UI_FILES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                if any(n.split(".")[0] in MATH_MODULES for n in names):
                    offenders.append(f"{path.name}: imports {names}")
    assert offenders == []


def test_no_eval_or_exec_anywhere_in_app_code():
    offenders = []
    for path in [*UI_FILES, *(ROOT / "swiglu").rglob("*.py"), *(ROOT / "ui").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("eval", "exec"):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_unsafe_html_is_never_used_with_user_text():
    # Only ui/page.py may inject HTML, and only a fixed stylesheet.
    for path in [*UI_FILES, *(ROOT / "ui").rglob("*.py")]:
        src = path.read_text(encoding="utf-8")
        assert "unsafe_allow_html=True" not in src, path.name


def test_app_limits_torch_threads_before_anything_imports_torch():
    """Streamlit runs each rerun in a new thread; with OpenMP's default team of all cores, every rerun paid to
    start a team at its first float64 matmul (~70 ms on /gradients). app.py sets one thread per computation
    before its first import that can load torch, and leaves a value set from outside alone."""
    body = ast.parse((ROOT / "app.py").read_text(encoding="utf-8")).body
    stmts = [n for n in body if not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))]  # no docstring
    first_project_import = next(i for i, n in enumerate(stmts) if isinstance(n, ast.ImportFrom))
    before = ast.unparse(ast.Module(body=stmts[:first_project_import], type_ignores=[]))
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        assert f"os.environ.setdefault('{var}', '1')" in before
    code = ("import os, runpy, sys\n"
            "sys.modules['streamlit'] = None\n"  # stop at the first import after the environment is set
            "try:\n    runpy.run_path('app.py')\nexcept ImportError:\n    pass\n"
            "print(os.environ['OMP_NUM_THREADS'], 'torch' in sys.modules)")
    env = {k: v for k, v in os.environ.items() if k not in ("OMP_NUM_THREADS", "MKL_NUM_THREADS")}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["1", "False"]


def test_pages_outside_class_mode_do_not_import_the_class_store():
    """SQLAlchemy takes ~0.4 s to import: a first page (start-up, issue 14) paints without it unless a class is
    involved; joining a class loads it. The join box's length limit is the store's own."""
    code = (
        "import sys\n"
        "from streamlit.testing.v1 import AppTest\n"
        "at = AppTest.from_file('app.py', default_timeout=120)\n"
        "at.run()\n"
        "at.switch_page('pages/swish.py').run()\n"
        "assert not at.exception, [e.value for e in at.exception]\n"
        "print('before', 'sqlalchemy' in sys.modules)\n"
        "at.query_params['class'] = 'NOTACODE'\n"
        "at.run()\n"
        "print('after', 'sqlalchemy' in sys.modules)\n"
        "import swiglu.classroom, ui.classroom\n"
        "print('limit', swiglu.classroom.MAX_RAW == ui.classroom.MAX_RAW)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["before", "False", "after", "True", "limit", "True"], out.stdout
