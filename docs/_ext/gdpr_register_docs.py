"""Pages generated at build time: the API reference from ``__all__`` and one page per rule.

On ``builder-inited`` this writes ``docs/api/*.rst`` (one page per public package, one autodoc
directive per name in its ``__all__``, so a new public name appears without editing the docs)
and ``docs/rules/*.md`` (one page per rule id, from the rule metadata, with the rule's findings
in the seed notice as its worked example). Both folders are generated and git-ignored; a file
is rewritten only when its text changes, so an incremental build re-reads only what changed.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "valmennuskumppani.yaml"
SEED_AS_OF = date(2026, 11, 25)  # a fixed date, so pages do not change with the clock
# Public names documented as "the same class as ..." (``gdpr_register.Notice``): link targets,
# but marked aliased so that a bare ``Notice`` resolves to the one full description.
ALIASES: set[str] = set()


def public_modules() -> list[ModuleType]:
    """``gdpr_register`` and every public package with a non-empty ``__all__``, plus the public
    modules of a public package that exports nothing itself (``gdpr_register.testing``)."""
    import gdpr_register

    found: list[ModuleType] = [gdpr_register]
    for info in pkgutil.walk_packages(gdpr_register.__path__, "gdpr_register."):
        parts = info.name.split(".")
        if any(part.startswith("_") for part in parts):
            continue
        parent = importlib.import_module(".".join(parts[:-1]))
        if not info.ispkg and getattr(parent, "__all__", None):
            continue
        module = importlib.import_module(info.name)
        if getattr(module, "__all__", None):
            found.append(module)
    return found


def _kind(value: Any) -> str:
    if inspect.isclass(value):
        return "exception" if issubclass(value, BaseException) else "class"
    return "function" if inspect.isroutine(value) else "data"


def homes(modules: list[ModuleType]) -> dict[int, str]:
    """Where each public class and function is documented in full: the most specific public
    package holding the module that defines it (``Notice`` in ``gdpr_register.model``), else the
    most specific that exports it. Its other names link there: one full description each."""
    found: dict[int, str] = {}
    for module in sorted(modules, key=lambda m: -m.__name__.count(".")):
        for name in module.__all__:
            value = getattr(module, name)
            if _kind(value) == "data":
                continue
            defined = getattr(value, "__module__", "") or ""
            here = module.__name__
            best = found.get(id(value))
            inside = defined == here or defined.startswith(here + ".")
            if best is None or (inside and not _inside(value, best)):
                found[id(value)] = f"{here}.{name}"
    return found


def _inside(value: Any, target: str) -> bool:
    package = target.rpartition(".")[0]
    defined = getattr(value, "__module__", "") or ""
    return defined == package or defined.startswith(package + ".")


def _directive(module: str, name: str, value: Any, home: str | None) -> list[str]:
    target = f"{module}.{name}"
    kind = _kind(value)
    if home is not None and home != target:
        ALIASES.add(target)
        return [f".. py:{kind}:: {name}", f"   :module: {module}", "   :no-index-entry:", "",
                f"   The same {kind} as :py:obj:`{home}`."]
    if kind == "exception":
        return [f".. autoexception:: {target}", "   :members:", "   :show-inheritance:"]
    if kind == "class":
        lines = [f".. autoclass:: {target}", "   :members:"]
        if hasattr(value, "__members__"):  # an enum: list its values
            lines.append("   :undoc-members:")
        return lines
    if kind == "function":
        return [f".. autofunction:: {target}"]
    lines = [f".. autodata:: {target}"]
    if len(repr(value)) > 80:
        lines.append("   :no-value:")
    return lines


def api_page(module: ModuleType, home: dict[int, str]) -> str:
    name = module.__name__
    out = [name, "=" * len(name), "", f".. automodule:: {name}", "   :no-members:", ""]
    for public in sorted(module.__all__, key=str.lower):
        value = getattr(module, public)
        out += [*_directive(name, public, value, home.get(id(value))), ""]
    return "\n".join(out)


def api_index(modules: list[ModuleType]) -> str:
    out = [
        "# API reference",
        "",
        "Generated from the docstrings of every name in each public package's `__all__` (the",
        "public API; modules whose names start with `_` are private). Each class and function",
        "is documented in the package that defines it; its other public names link there.",
        "",
        "```{toctree}",
        ":maxdepth: 1",
        "",
        *(module.__name__ for module in modules),
        "```",
        "",
    ]
    return "\n".join(out)


def rule_pages() -> dict[str, str]:
    """Each rule id's page, and the index of them, keyed by file name."""
    from gdpr_register import evaluate, load_notice
    from gdpr_register.rules import default_registry
    from gdpr_register.rules._docs import rule_page

    rules = list(default_registry())
    seed = evaluate(load_notice(SEED), as_of=SEED_AS_OF, preview=True)
    where = f"the seed notice `examples/{SEED.name}` as of {SEED_AS_OF.isoformat()}"
    pages = {
        f"{item.id}.md": rule_page(
            item, [f for f in seed.findings if f.rule == item.id], seen_in=where
        )
        for item in rules
    }
    pages["index.md"] = "\n".join([
        "# Rule pages",
        "",
        "One page per rule id, generated from the rule metadata; the",
        "[catalogue](../rules.md) lists them in one table.",
        "",
        "| Id | Severity | Lifecycle | Title |",
        "|---|---|---|---|",
        *(f"| [{r.id}]({r.id}.md) | {r.severity.value} | {r.lifecycle.value} | "
          f"{r.title.replace('|', chr(92) + '|')} |" for r in rules),
        "",
        "```{toctree}",
        ":hidden:",
        "",
        *(r.id for r in rules),
        "```",
        "",
    ])
    return pages


def _write(folder: Path, pages: dict[str, str]) -> None:
    folder.mkdir(exist_ok=True)
    for stale in {p.name for p in folder.iterdir()} - set(pages):
        (folder / stale).unlink()  # a rule or package that no longer exists
    for name, text in pages.items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


def generate(app: Sphinx) -> None:
    ALIASES.clear()
    source = Path(app.srcdir)
    modules = public_modules()
    home = homes(modules)
    api = {f"{m.__name__}.rst": api_page(m, home) for m in modules}
    api["index.md"] = api_index(modules)
    _write(source / "api", api)
    _write(source / "rules", rule_pages())


def _no_inherited_data_doc(
    app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    """A constant re-exported from another module has no doc comment here; autodoc would show
    its type's docstring (``dict()`` -> new empty dictionary), or for an alias such as
    ``dict[str, Any]`` its origin's, instead: show nothing."""
    borrowed = {inspect.getdoc(type(obj)), inspect.getdoc(getattr(obj, "__origin__", None))}
    if what == "data" and lines and "\n".join(lines).strip() in borrowed:
        lines.clear()


def _repository_links(app: Sphinx, doctree: nodes.document) -> None:
    """A guide's link to a repository file outside docs/ (``../tests/corpus/README.md``) works
    on GitHub; on the site it points at the index page for the README (which it includes) and
    is plain text for other files. A link to a notebook in docs/notebooks/ is a download, or
    its path while the notebook is not there. Any other link to a missing file still warns."""
    source = Path(app.srcdir)
    for node in list(doctree.findall(addnodes.pending_xref)):
        if node.get("reftype") != "myst":
            continue
        if node.get("refdomain") != "doc":
            readme = node.get("refdoc") == "index"  # the README is included by index.md
            if readme and (ROOT / node["reftarget"]).is_file():
                node.replace_self(nodes.literal("", node["reftarget"]))
                continue
            wanted = ((source / node["refdoc"]).parent / node["reftarget"]).resolve()
            if wanted.parent == source / "notebooks" and not wanted.exists():
                # The notebooks are downloads (not built: no notebook runner here); one that is
                # not there yet is named by its path instead of a broken link.
                node.replace_self(nodes.literal("", f"docs/notebooks/{wanted.name}"))
            continue
        target = Path(node["reftarget"])
        if not target.is_absolute() or target.is_relative_to(source):
            continue
        if target == ROOT / "README":
            node["reftarget"] = "index"
            continue
        if target.with_suffix(".md").is_file():
            node.replace_self(nodes.literal("", target.with_suffix(".md").relative_to(ROOT)
                                            .as_posix()))


def _mark_aliases(app: Sphinx, doctree: nodes.document) -> None:
    objects = app.env.domains.python_domain.objects
    for name in ALIASES & objects.keys():
        objects[name] = objects[name]._replace(aliased=True)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-read", _mark_aliases)
    app.connect("builder-inited", generate)
    app.connect("autodoc-process-docstring", _no_inherited_data_doc)
    app.connect("doctree-read", _repository_links)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
