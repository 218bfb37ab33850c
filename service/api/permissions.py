"""Field-level access by role, declared in the schema (not in resolvers).

    phone: str | None = strawberry.field(extensions=needs(Role.ANALYST))

public sees aggregate counts (matrix, gaps, places); analyst reads everything
else; steward writes and sees confidential addresses; admin manages keys.
"""

from __future__ import annotations

from typing import Any

from strawberry.extensions.field_extension import FieldExtension
from strawberry.permission import BasePermission, PermissionExtension
from strawberry.types import Info

from service.ops.auth import Role

WHAT_EACH_ROLE_SEES = {
    Role.ANALYST: "names, phones, emails and referrals are for analysts",
    Role.STEWARD: "changes and confidential addresses are for stewards",
    Role.ADMIN: "this is for admins",
}


class RoleAtLeast(BasePermission):
    def __init__(self, role: Role) -> None:
        self.role = role
        self.message = (f"Not allowed with your key: {WHAT_EACH_ROLE_SEES[role]}. "
                        f"Ask an admin for a {role.label} key (refgraph keys create --role {role.label})")
        self.error_extensions = {"code": "FORBIDDEN", "needs": role.label}

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return bool(info.context.principal.can(self.role))


class ConfidentialAddress(BasePermission):
    """A confidential address (e.g. a shelter's) is only for stewards and admins."""

    message = "Confidential address"

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        if not getattr(source, "address_confidential", False):
            return bool(info.context.principal.can(Role.ANALYST))
        return bool(info.context.principal.can(Role.STEWARD))


def needs(role: Role) -> list[FieldExtension]:
    """Field extensions that refuse the field to keys below `role`, with a clear error."""
    return [PermissionExtension(permissions=[RoleAtLeast(role)], use_directives=False)]


def hidden_unless(permission: BasePermission) -> list[FieldExtension]:
    """Field extensions that answer null (no error) when the permission is not met."""
    return [PermissionExtension(permissions=[permission], use_directives=False, fail_silently=True)]
