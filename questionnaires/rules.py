"""Who may read and change responses (django-rules). A response outside the user's reach answers 404."""

import rules

from meetings.rules import is_focal_point, is_participant_of_meeting, is_secretariat

from .models import Response


@rules.predicate
def is_own_state_response(user, response):
    return response is not None and is_focal_point(user) and response.member_state_id == user.member_state_id


@rules.predicate
def is_posted_response(user, response):
    return response is not None and response.status == Response.Status.POSTED


@rules.predicate
def is_participant_of_response_meeting(user, response):
    return response is not None and is_participant_of_meeting(user, response.questionnaire.meeting)


# A draft or an unposted response is seen only by its own State and the secretariat; once posted, by
# every participant of the meeting.
can_read_response = is_secretariat | is_own_state_response | (is_posted_response & is_participant_of_response_meeting)
can_edit_response = is_secretariat | (is_own_state_response & is_participant_of_response_meeting)
can_enter_secure_page = is_secretariat | is_participant_of_meeting

rules.add_perm("questionnaires.manage", is_secretariat)
rules.add_perm("questionnaires.read_response", can_read_response)
rules.add_perm("questionnaires.edit_response", can_edit_response)
rules.add_perm("questionnaires.read_history", is_secretariat | is_own_state_response)
rules.add_perm("questionnaires.enter_secure_page", can_enter_secure_page)
