from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import cache_config, code_fingerprint, env_bool, env_list, parse_database_url


def test_database_urls() -> None:
    assert parse_database_url("postgres://postgres@127.0.0.1:5432/test") == {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "test",
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": "127.0.0.1",
        "PORT": "5432",
        "CONN_MAX_AGE": 60,
        "OPTIONS": {"options": "-c jit=off -c max_parallel_workers_per_gather=0"},
        "CONN_HEALTH_CHECKS": True,
    }
    assert parse_database_url("sqlite:///var/x.sqlite3")["NAME"] == "var/x.sqlite3"
    assert parse_database_url("sqlite:////tmp/x.sqlite3")["NAME"] == "/tmp/x.sqlite3"


@pytest.mark.parametrize(
    "url", ["mysql://x/y", "postgres://host:5432/", "sqlite://", "postgres://h:port/db"]
)
def test_bad_database_urls_stop_start_up(url: str) -> None:
    with pytest.raises(ImproperlyConfigured):
        parse_database_url(url)


def test_strict_booleans_and_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEBUG", "yes")
    assert env_bool("DEBUG", default=False) is True
    monkeypatch.setenv("DEBUG", "ture")
    with pytest.raises(ImproperlyConfigured, match="not a boolean"):
        env_bool("DEBUG", default=False)
    monkeypatch.setenv("ALLOWED_HOSTS", "a.example,,b.example")
    with pytest.raises(ImproperlyConfigured, match="empty item"):
        env_list("ALLOWED_HOSTS", [])


def test_the_cache_is_per_process_by_default_and_redis_when_named() -> None:
    assert cache_config("")["BACKEND"].endswith("LocMemCache")
    shared = cache_config("redis://127.0.0.1:6379/3")
    assert shared["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert shared["LOCATION"] == "redis://127.0.0.1:6379/3"
    with pytest.raises(ImproperlyConfigured, match="PARKOPS_CACHE_URL"):
        cache_config("memcached://127.0.0.1:11211")


def test_a_shared_cache_keys_its_values_by_the_code_that_wrote_them(tmp_path: Path) -> None:
    """After an upgrade a shared Redis may still hold values in the old code's shape: the new
    code must not read them. Any change of a module changes the prefix; a test file does not."""
    (tmp_path / "evaluation").mkdir()
    module = tmp_path / "evaluation" / "run_cache.py"
    module.write_text("SHAPE = 1\n")
    (tmp_path / "evaluation" / "tests").mkdir()
    before = cache_config("redis://127.0.0.1:6379/3", code=tmp_path)["KEY_PREFIX"]
    assert before == f"parkops-{code_fingerprint(tmp_path)}"
    (tmp_path / "evaluation" / "tests" / "test_it.py").write_text("def test(): pass\n")
    assert cache_config("redis://127.0.0.1:6379/3", code=tmp_path)["KEY_PREFIX"] == before
    module.write_text("SHAPE = 2\n")
    assert cache_config("redis://127.0.0.1:6379/3", code=tmp_path)["KEY_PREFIX"] != before


def test_two_processes_share_values_through_redis() -> None:
    """What one app server caches, another reads (the Redis on this machine, as in production)."""
    import subprocess
    import sys
    import uuid

    script = (
        "import django; from django.conf import settings;"
        "settings.configure(CACHES={'default': __import__('config.env').env.cache_config("
        "'redis://127.0.0.1:6379/3')}); django.setup();"
        "from django.core.cache import cache; import sys; key = sys.argv[2];"
        "cache.set(key, 42) if sys.argv[1] == 'set' else print(cache.get(key));"
        "cache.delete(key) if sys.argv[1] == 'get' else None"
    )
    key = f"parkops-test-{uuid.uuid4().hex}"
    subprocess.run([sys.executable, "-c", script, "set", key], check=True)
    read = subprocess.run(
        [sys.executable, "-c", script, "get", key], check=True, capture_output=True, text=True
    )
    assert read.stdout.strip() == "42"


@pytest.mark.django_db
def test_a_postgresql_connection_runs_no_jit_and_no_parallel_workers() -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's settings")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone() == ("0",)
