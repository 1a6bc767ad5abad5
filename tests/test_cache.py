"""The knowledge-base cache: hits when nothing changed, misses when anything did, and never
trusts a file it did not write."""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import shutil
from pathlib import Path

import pytest

from adviseur.loading import cache, load_knowledge_base
from tests.conftest import MINI_RULES


@pytest.fixture
def rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ADVISEUR_HOME", str(tmp_path / "home"))
    copy = tmp_path / "rules"
    shutil.copytree(MINI_RULES, copy)
    return copy


def no_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    import adviseur.loading.yamlsrc as yamlsrc

    def refuse(*_: object) -> None:
        raise AssertionError("parsed YAML although the cache was warm")

    monkeypatch.setattr(yamlsrc, "load_yaml", refuse)


def entries() -> list[Path]:
    return sorted(cache.cache_dir().glob("kb-*.bin"))


def test_a_second_load_comes_from_the_cache(rules: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_knowledge_base([rules])
    assert len(entries()) == 1
    no_yaml(monkeypatch)
    second = load_knowledge_base([rules])
    assert second == first
    assert second.digest == first.digest
    assert [r.origin for r in second.rules] == [r.origin for r in first.rules]


def test_the_cache_lives_in_a_private_directory(rules: Path) -> None:
    load_knowledge_base([rules])
    directory = cache.cache_dir()
    assert directory == Path(os.environ["ADVISEUR_HOME"]) / "cache"
    assert directory.stat().st_mode & 0o777 == 0o700
    assert all(p.stat().st_mode & 0o077 == 0 for p in directory.iterdir())


def test_a_changed_rule_file_is_loaded_afresh(rules: Path) -> None:
    first = load_knowledge_base([rules])
    path = rules / "kern.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# gewijzigd\n", encoding="utf-8")
    second = load_knowledge_base([rules])
    assert second.digest != first.digest
    assert len(entries()) == 2


def test_without_the_cache_nothing_is_written(rules: Path) -> None:
    load_knowledge_base([rules], use_cache=False)
    assert not cache.cache_dir().exists()


@pytest.mark.parametrize("damage", ["truncate", "flip", "header"])
def test_a_damaged_entry_is_ignored_and_replaced(rules: Path, damage: str) -> None:
    first = load_knowledge_base([rules])
    (entry,) = entries()
    data = entry.read_bytes()
    if damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "flip":
        data = data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:]
    else:
        data = data.replace(b'"format": 1', b'"format": 9')
    entry.write_bytes(data)
    assert load_knowledge_base([rules]) == first
    assert entry.read_bytes() != data  # written again


class Boom:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        command = "echo gehackt > " + str(Path(os.environ["ADVISEUR_HOME"]) / "x")
        return (os.system, (command,))


def test_a_planted_pickle_cannot_run_code(rules: Path) -> None:
    load_knowledge_base([rules])
    (entry,) = entries()
    header = entry.read_bytes().split(b"\n")[1]
    payload = pickle.dumps(Boom())
    meta = {**json.loads(header), "sha256": hashlib.sha256(payload).hexdigest()}
    entry.write_bytes(cache.MAGIC + json.dumps(meta).encode() + b"\n" + payload)
    with pytest.raises(pickle.UnpicklingError):
        cache._ModelUnpickler(io.BytesIO(payload)).load()
    kb = load_knowledge_base([rules])
    assert kb.rules
    assert not (Path(os.environ["ADVISEUR_HOME"]) / "x").exists()


def test_a_directory_others_can_write_is_not_trusted(rules: Path) -> None:
    first = load_knowledge_base([rules])
    directory = cache.cache_dir()
    directory.chmod(0o777)
    assert cache.load(cache.key([rules], sorted(rules.glob("*.yaml")))) is None
    load_knowledge_base([rules])  # storing makes it private again
    assert directory.stat().st_mode & 0o777 == 0o700
    assert load_knowledge_base([rules]) == first


def test_an_entry_others_can_write_is_not_trusted(rules: Path) -> None:
    load_knowledge_base([rules])
    (entry,) = entries()
    entry.chmod(0o666)
    assert cache.load(cache.key([rules], sorted(rules.glob("*.yaml")))) is None


def test_an_unusable_cache_directory_only_costs_the_cache(
    rules: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "bestand"
    blocker.write_text("geen map", encoding="utf-8")
    monkeypatch.setenv("ADVISEUR_HOME", str(blocker))
    assert load_knowledge_base([rules]).rules
