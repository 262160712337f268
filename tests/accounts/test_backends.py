from django.contrib.auth.models import Group, Permission

from accounts.models import User
from tests.factories import focal_point, secretariat_user


def test_portal_permission_asks_no_query_of_the_model_backends(db, django_assert_num_queries):
    user = User.objects.get(pk=focal_point("ECU").pk)
    with django_assert_num_queries(0):
        assert user.has_perm("meetings.read_drafts") is False
        assert user.has_perm("meetings.manage") is False
    assert secretariat_user().has_perm("meetings.read_drafts") is True


def test_model_permission_granted_to_a_user_or_a_group_is_still_granted(db):
    user = focal_point("ECU")
    group = Group.objects.create(name="Editors")
    group.permissions.add(Permission.objects.get(codename="change_meeting"))
    user.user_permissions.add(Permission.objects.get(codename="view_user"))
    assert User.objects.get(pk=user.pk).has_perm("meetings.change_meeting") is False
    user.groups.add(group)
    user = User.objects.get(pk=user.pk)
    assert (user.has_perm("meetings.change_meeting"), user.has_perm("accounts.view_user")) == (True, True)
    assert user.has_perm("meetings.delete_meeting") is False
