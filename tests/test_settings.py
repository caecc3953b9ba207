"""The deployment settings a production run relies on."""

import os

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.core.cache import cache
from django.utils.module_loading import import_string


def test_the_database_is_the_one_database_url_names():
    vendor = "postgresql" if os.getenv("DATABASE_URL", "").startswith("postgres") else "sqlite3"
    assert settings.DATABASES["default"]["ENGINE"] == f"django.db.backends.{vendor}"


def test_cache_and_sessions_go_to_redis_exactly_when_it_is_configured(db):
    redis_url = os.getenv("DJANGO_REDIS_URL")
    backend = settings.CACHES["default"]["BACKEND"]
    assert backend.endswith("RedisCache" if redis_url else "LocMemCache")
    cache.set("career-planner-probe", {"months": 12}, 30)
    assert cache.get("career-planner-probe") == {"months": 12}  # a real round trip

    store: SessionBase = import_string(f"{settings.SESSION_ENGINE}.SessionStore")()
    store["plan"] = "ccs"
    store.save()
    again = import_string(f"{settings.SESSION_ENGINE}.SessionStore")(session_key=store.session_key)
    assert again["plan"] == "ccs"
