"""The site's production settings, plus what only the bench needs: the ceiling view
(urls.py) and the SQL query count of each response (server.count_queries, outermost, so
it sees the session and the user queries too)."""

from careerplanner.settings import *  # noqa: F403
from careerplanner.settings import MIDDLEWARE

MIDDLEWARE = ["planner.httpbench.server.count_queries", *MIDDLEWARE]
ROOT_URLCONF = "planner.httpbench.urls"
