"""``evidence-review users``: accounts of the web workspace (add, token, list)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from evidence_review.cli.options import db_option, open_store

if TYPE_CHECKING:
    from evidence_review.store.db import Store
    from evidence_review.web.accounts import Accounts

ROLES = ("admin", "lead", "reviewer", "viewer")


@click.group("users")
def command() -> None:
    """Accounts for ``serve``: admin and reviewer may record decisions, viewer only reads.

    \b
    Examples:
      evidence-review users add somchai --role reviewer --db review.db
      evidence-review users token somchai --db review.db
    """


def _accounts(db: str | None) -> tuple[Store, Accounts]:
    try:
        from evidence_review.web.accounts import Accounts
    except ImportError as exc:
        raise click.ClickException(
            f"ต้องติดตั้งส่วนเว็บก่อน [accounts need the web extra: pip install "
            f"'evidence-review[web]'] ({exc.name})") from None
    store = open_store(db, create=True)
    return store, Accounts(store.engine)


@command.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--password-stdin", is_flag=True,
              help="Read the password from the first line of standard input.")
@db_option
def add(name: str, role: str, password_stdin: bool, db: str | None) -> None:
    """Add user NAME (or set a new role and password for an existing one)."""
    from evidence_review.web.accounts import AccountError

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("รหัสผ่าน [password]", hide_input=True,
                                confirmation_prompt="ยืนยันรหัสผ่าน [repeat password]")
    if len(password) < 8:
        raise click.ClickException(f"{name}: รหัสผ่านสั้นเกินไป ต้องมีอย่างน้อย 8 ตัวอักษร "
                                   "[password too short: at least 8 characters]")
    store, accounts = _accounts(db)
    try:
        user = accounts.add_user(name, role, password)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        store.close()
    click.echo(f"ผู้ใช้ {user.name} ({user.role.value}) พร้อมใช้งาน [user ready]")


@command.command("token")
@click.argument("name")
@db_option
def token(name: str, db: str | None) -> None:
    """Print a new bearer token for NAME's scripts (shown once; keep it secret)."""
    from evidence_review.web.accounts import AccountError

    store, accounts = _accounts(db)
    try:
        click.echo(accounts.new_token(name))
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        store.close()


@command.command("list")
@db_option
def list_users(db: str | None) -> None:
    """List the users and their roles."""
    store, accounts = _accounts(db)
    try:
        for user in accounts.users():
            click.echo(f"{user.name}\t{user.role.value}")
    finally:
        store.close()
