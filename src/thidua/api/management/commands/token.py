"""``thidua token create USERNAME``: print a new API token for a user."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from thidua.api.models import ApiToken
from thidua.audit.services import record


class Command(BaseCommand):
    help = "Tạo mã truy cập API (Bearer token) cho một tài khoản và in ra một lần duy nhất."

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="tạo mã mới")
        create.add_argument("username")
        create.add_argument("--name", default="", help="tên gợi nhớ của mã")

    def handle(self, *args, action: str, username: str, name: str = "", **options) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có tài khoản “{username}”.")
        token, key = ApiToken.issue(user, name=name)
        record(user, "api.token_created", data={"prefix": token.prefix, "name": name})
        self.stdout.write(key)
