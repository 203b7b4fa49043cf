"""saved() reads a packet's answers, checklist entries, questions and
insurance call in one query compiled once (presenters._saved_query): each
packet sees its own rows and never another's, whatever parts a page asks for."""

import pytest

from checklists import presenters
from checklists.models import ChecklistEntry, InsuranceCall, PacketQuestion
from packets.models import Packet
from questionnaire.models import Answer
from tests.factories import full_packet


@pytest.mark.django_db
@pytest.mark.parametrize("questions", [False, True])
@pytest.mark.parametrize("call", [False, True])
def test_each_packet_reads_only_its_own_rows(questions: bool, call: bool) -> None:
    ana = full_packet(name="Ana")
    ben = full_packet(name="Ben")
    # Ben's rows differ from Ana's, so a row read from the wrong packet shows.
    Answer.objects.filter(packet=ben).update(value="unsure")
    ChecklistEntry.objects.filter(packet=ben).update(note="Ben's note")
    PacketQuestion.objects.filter(packet=ben).update(suggestion_key="")
    InsuranceCall.objects.filter(packet=ben).update(covered="no")
    empty = Packet.objects.create()

    for packet in (ana, ben):
        found = presenters.saved(packet, questions=questions, call=call)
        answers = dict(Answer.objects.filter(packet=packet).values_list("key", "value"))
        entries = {
            key: (status, note)
            for key, status, note in ChecklistEntry.objects.filter(packet=packet).values_list(
                "item_key", "status", "note"
            )
        }
        assert found.answers == answers
        assert found.entries == entries
        expected_questions = sorted(
            PacketQuestion.objects.filter(packet=packet).values_list("suggestion_key", flat=True)
        )
        assert sorted(found.questions) == (expected_questions if questions else [])
        row = InsuranceCall.objects.get(packet=packet)
        expected_call = (row.covered, row.referral_needed, row.in_network)
        assert found.call == (expected_call if call else None)

    nothing = presenters.saved(empty, questions=questions, call=call)
    assert (nothing.answers, nothing.entries, nothing.questions, nothing.call) == ({}, {}, [], None)
