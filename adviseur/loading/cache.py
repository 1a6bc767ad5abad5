"""A cache of loaded knowledge bases, so that a consultation need not parse YAML at every start.

- Key: a sha256 over this cache's format, the Python version, the source of the code that
  builds a knowledge base (adviseur/model and adviseur/loading), the paths as given, and every
  rule file's name and bytes. Any change in any of them is a different entry.
- Place: the user cache directory (platformdirs), or `$ADVISEUR_HOME/cache`. The directory
  must be private (mode 0700, owned by the user); otherwise the cache is not used.
- Format: a header line with the key and the sha256 of the payload, then a pickle of the
  `KnowledgeBase`, written atomically (a 0600 temporary file, then a rename). Reading checks
  the owner and mode of the file, the key and the payload hash, and unpickles with an
  unpickler that can construct nothing but adviseur's model classes, frozensets and paths:
  even a planted file cannot run code. Model objects are pickled as (class, field values)
  and rebuilt by `_make`, which refuses any class that is not a model dataclass.

Every problem (no directory, no permission, a damaged or foreign file) means "not cached":
the knowledge base is loaded from YAML as always. Nothing here raises.
"""

from __future__ import annotations

import contextlib
import copyreg
import dataclasses
import enum
import functools
import hashlib
import io
import json
import os
import pickle
import stat
import sys
import tempfile
import types
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from adviseur.model.knowledge import KnowledgeBase

FORMAT = 1
MAGIC = b"adviseur-kennisbank\n"
KEEP = 8  # entries kept; older ones are removed when a new one is written
_PACKAGE = Path(__file__).resolve().parents[1]
# what reading a damaged, truncated or foreign payload can raise
_DAMAGED = (
    pickle.UnpicklingError,
    EOFError,
    AttributeError,
    TypeError,
    ValueError,
    IndexError,
    KeyError,
    RecursionError,
)
_SAFE_GLOBALS = {
    ("builtins", "frozenset"),
    ("builtins", "set"),
    ("pathlib", "Path"),
    ("pathlib", "PosixPath"),
    ("pathlib", "WindowsPath"),
    ("pathlib", "PurePosixPath"),
    ("pathlib", "PureWindowsPath"),
}


def cache_dir() -> Path:
    """`$ADVISEUR_HOME/cache`, or the user cache directory of the platform."""
    home = os.environ.get("ADVISEUR_HOME")
    if home:
        return Path(home) / "cache"
    import platformdirs  # only here: it costs a few milliseconds to import

    return Path(platformdirs.user_cache_dir("adviseur", appauthor=False))


def key(paths: Sequence[Path], files: Sequence[Path]) -> str | None:
    """The cache key for these rule files, or None if one cannot be read."""
    h = hashlib.sha256()
    h.update(f"{FORMAT}\0{sys.version}\0{_code_fingerprint()}\0".encode())
    h.update(json.dumps([str(p) for p in paths]).encode())
    try:
        for path in files:
            data = path.read_bytes()
            name = str(path).encode()
            h.update(len(name).to_bytes(4, "big") + name + len(data).to_bytes(8, "big") + data)
    except OSError:
        return None
    return h.hexdigest()


def load(cache_key: str) -> KnowledgeBase | None:
    """The cached knowledge base for this key, if there is a sound one."""
    directory = _private_dir(create=False)
    if directory is None:
        return None
    try:
        data = _read_own_file(directory / _name(cache_key))
    except OSError:
        return None
    if data is None or not data.startswith(MAGIC):
        return None
    header, _, payload = data[len(MAGIC) :].partition(b"\n")
    try:
        meta = json.loads(header)
        if meta.get("key") != cache_key or meta.get("format") != FORMAT:
            return None
        if meta.get("sha256") != hashlib.sha256(payload).hexdigest():
            return None
        kb = _ModelUnpickler(io.BytesIO(payload)).load()
    except _DAMAGED:  # a damaged or foreign file is simply not a cache hit
        return None
    return kb if isinstance(kb, KnowledgeBase) else None


def store(cache_key: str, kb: KnowledgeBase) -> None:
    """Write the knowledge base under this key (atomically); failures are ignored."""
    directory = _private_dir(create=True)
    if directory is None:
        return
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    layouts = _model_classes()
    pickler.dispatch_table = {
        **copyreg.dispatch_table,
        **{cls: functools.partial(_reduce, names=names) for cls, names in layouts.items()},
    }
    try:
        pickler.dump(kb)
        payload = buffer.getvalue()
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return  # something in the model that cannot be pickled: do without the cache
    meta = {"format": FORMAT, "key": cache_key, "sha256": hashlib.sha256(payload).hexdigest()}
    header = MAGIC + json.dumps(meta).encode() + b"\n"
    temporary: str | None = None
    try:
        fd, temporary = tempfile.mkstemp(dir=directory, prefix=".kb-", suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(header + payload)
        Path(temporary).replace(directory / _name(cache_key))
        temporary = None
        _prune(directory)
    except OSError:
        pass
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                Path(temporary).unlink()


def _name(cache_key: str) -> str:
    return f"kb-{cache_key[:40]}.bin"


def _code_fingerprint() -> str:
    """sha256 over the code that turns YAML into a KnowledgeBase (its output is what we keep)."""
    h = hashlib.sha256()
    for package in ("model", "loading"):
        for path in sorted((_PACKAGE / package).glob("*.py")):
            with contextlib.suppress(OSError):
                h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _private_dir(*, create: bool) -> Path | None:
    """The cache directory if it is ours and private (made so if we create it), else None."""
    directory = cache_dir()
    try:
        if create:
            directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = directory.lstat()
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode):
        return None
    if hasattr(os, "getuid"):
        if info.st_uid != os.getuid():
            return None
        if info.st_mode & 0o077:
            if not create:
                return None
            try:
                directory.chmod(0o700)
            except OSError:
                return None
    return directory


def _read_own_file(path: Path) -> bytes | None:
    """The file's bytes if it is a regular file owned by us that nobody else can write."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_mode & 0o022:
            return None
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            return None
        return f.read()


def _prune(directory: Path) -> None:
    entries = sorted(directory.glob("kb-*.bin"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()


def _model_classes() -> dict[type, tuple[str, ...]]:
    """Every dataclass of adviseur.model, with its field names (the layout that is pickled)."""
    found: dict[type, tuple[str, ...]] = {}
    for name, module in list(sys.modules.items()):
        if name.startswith("adviseur.model.") and module is not None:
            for value in vars(module).values():
                if (
                    isinstance(value, type)
                    and dataclasses.is_dataclass(value)
                    and value.__module__ == name
                ):
                    found[value] = tuple(f.name for f in dataclasses.fields(value))
    return found


def _reduce(obj: Any, *, names: tuple[str, ...]) -> tuple[Any, tuple[type, tuple[Any, ...]]]:
    """Pickle a model object as (class, field values): three times faster to read back than
    the frozen dataclass's own __setstate__, which looks its fields up for every object."""
    return _make, (type(obj), tuple([getattr(obj, name) for name in names]))


# class → one setter per field: the slot descriptors' own __set__, which bypasses the frozen
# dataclass's __setattr__ (that is what object.__setattr__ does too, at twice the cost)
_setters: dict[type, tuple[Callable[[Any, Any], None], ...]] = {}


def _make(cls: type, values: tuple[Any, ...]) -> Any:
    """Rebuild a model object; only for adviseur.model dataclasses with this exact layout."""
    setters = _setters.get(cls)
    if setters is None:
        names = _model_classes().get(cls)
        if names is None:
            raise pickle.UnpicklingError(f"{cls!r} hoort niet in een kennisbank")
        slots = [getattr(cls, name, None) for name in names]
        if all(isinstance(slot, types.MemberDescriptorType) for slot in slots):
            setters = _setters[cls] = tuple(slot.__set__ for slot in slots)  # type: ignore[union-attr]
        else:
            setters = _setters[cls] = tuple(
                functools.partial(_set_attribute, name=name) for name in names
            )
    if len(setters) != len(values):
        raise pickle.UnpicklingError(f"{cls.__name__} heeft een andere opbouw gekregen")
    obj: Any = object.__new__(cls)
    for setter, value in zip(setters, values, strict=True):
        setter(obj, value)
    return obj


def _set_attribute(obj: Any, value: Any, *, name: str) -> None:
    object.__setattr__(obj, name, value)


class _ModelUnpickler(pickle.Unpickler):
    """Constructs only adviseur's model classes (dataclasses and enums), frozensets and paths."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == (__name__, "_make"):
            return _make
        if (module, name) in _SAFE_GLOBALS:
            return super().find_class(module, name)
        if module.startswith("adviseur.model.") and "." not in name:
            found = getattr(sys.modules.get(module), name, None)
            if isinstance(found, type) and (
                dataclasses.is_dataclass(found) or issubclass(found, enum.Enum)
            ):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} hoort niet in een kennisbank")
