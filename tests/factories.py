"""One full packet, as a patient who did every task would leave it.

Used by the tests and the bench alike: details for a real request, every
questionnaire answer, values and the SURE test, every checklist item with a
note, eight questions and the insurance call.
"""

from datetime import date

from checklists import records
from checklists.models import ChecklistEntry, InsuranceCall, PacketQuestion
from packets.models import Packet
from questionnaire import decision
from questionnaire.situations import KEYS

DETAILS = {
    "name": "Ana María Díaz",
    "date_of_birth": date(1961, 3, 14),
    "address": "12 Elm Street\nSpringfield, IL 62701",
    "phone": "555-0100",
    "records_office": "Mercy Hospital Health Information Office",
    "records_office_address": "400 Main Street\nSpringfield, IL 62702",
    "cancer_type": "Follicular lymphoma",
    "first_doctor": "Dr. Lee",
    "doctor_contact": "Fax 555-0199",
    "center": "City Cancer Center",
    "appointment_date": date(2027, 3, 14),
    "had_surgery": "yes",
    "delivery": "center",
    "record_format": "electronic",
    "imaging_format": "link",
    "questions_done": True,
}

# What the records letters use to find a chart and say where to send it
# (added after the apps' re-cut; a packet saved before has none of these).
RECORDS_DETAILS = {
    "email": "ana.diaz@example.org",
    "mrn": "MH-0048812",
    "center_address": "1 Center Way\nChicago, IL 60601",
    "center_fax": "555-0142",
}

# Slides and scan images already on their way, so one letter (the records office's).
STATUSES = {
    "pathology-report": "need",
    "pathology-slides": "asked",
    "biomarker-results": "need",
    "molecular-report": "need",
    "imaging-reports": "need",
    "imaging-disc": "have",
    "operative-report": "need",
    "medicines": "have",
    "conditions": "have",
    "blood-tests": "need",
    "treatment-plan": "need",
    "trial-details": "na",
    "insurance-cover": "asked",
    "referral": "need",
    "insurance-card": "have",
    "doctor-contact": "have",
}

CALL = {
    "call_date": date(2026, 11, 20),
    "spoke_to": "Jordan at member services",
    "reference": "REF-55102",
    "covered": "partly",
    "referral_needed": "yes",
    "in_network": "yes",
    "notes": "Call back Monday about the out-of-network rate.",
}


def full_packet(**changes) -> Packet:
    """A packet with every task done; ``changes`` override any detail."""
    packet = Packet.objects.create(**{**DETAILS, **RECORDS_DETAILS, **changes})
    answers = {decision.URGENCY_KEY: "no"}
    answers.update({key: ("yes" if n % 3 == 0 else "no") for n, key in enumerate(KEYS)})
    answers.update({item.key: "yes" for item in decision.SURE_ITEMS})
    from questionnaire.models import Answer, ValueRating

    Answer.objects.save_answers(packet, answers)
    ValueRating.objects.save_ratings(
        packet, {value.key: n % 4 for n, value in enumerate(decision.VALUES)}
    )
    ChecklistEntry.objects.save_entries(
        packet,
        {
            item.key: (STATUSES[item.key], f"My note on {str(item.title).lower()}.")
            for item in records.ITEMS
        },
    )
    for position, suggestion in enumerate(records.SUGGESTED_QUESTIONS, start=1):
        PacketQuestion.objects.create(
            packet=packet,
            text=str(suggestion.text),
            suggestion_key=suggestion.key,
            position=position,
        )
    InsuranceCall.objects.save_call(packet, CALL)
    packet.refresh_from_db()
    return packet


def hand_to(client, packet: Packet):
    """Give ``client`` the session that owns ``packet``, as starting one on the site would
    (the session's start time included, which the absolute-lifetime check reads)."""
    import time

    from core.middleware import STARTED_KEY

    session = client.session
    session["packet_id"] = packet.pk
    session[STARTED_KEY] = int(time.time())
    session.save()
    client.cookies["sessionid"] = session.session_key
    return client
