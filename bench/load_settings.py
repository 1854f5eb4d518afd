"""Settings of the load benchmark's server: the production settings (THIDUA_PRODUCTION=1,
PostgreSQL, Redis) with one change, because the benchmark talks plain HTTP on loopback.

In production TLS ends at the reverse proxy and the session and CSRF cookies carry the
Secure flag; an HTTP client on loopback would then never send them back. Everything
else — DEBUG off, the middleware, whitenoise's manifest, cache, sessions in Redis — is
the production configuration unchanged.
"""

from thidua.settings import *  # noqa: F403

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
