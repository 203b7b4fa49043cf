"""The situations the questionnaire asks about, declared as data.

Nine come from the situations the source article lists as times a second
opinion may help (content brief, section 7). Three more are reasons the
guides name from other sources: the cancer came back or grew, the doctors
are unsure of the type or stage, and several choices with the pick left to
the patient. Each is reviewed and tested like code: the wording, its weight,
the reason for that weight, the guide that explains it and its sources.
See scoring.py for how the weights are used.

Questions are worded without negatives, so neither Yes nor No is a double
negative. For all but one, "Yes" means the reason applies; for "Has a cancer
doctor looked at your diagnosis and plan?" a "No" does (``reason_answer``).
Each has four ways of being shown, so an answer is never stated as more
than it is:
- ``label``: the reason, to the patient ("Your cancer is rare").
- ``unsure_label``: a Not sure, as an open question ("You were not sure
  whether your cancer is rare").
- ``mine`` and ``mine_unsure``: the same in the first person, for the PDF,
  which is the patient's own document.

Stored answers are keyed by ``key``, so a key keeps its meaning: a question
reworded so that an old answer would mean something else gets a new key,
and its old address leads to it (flow.MOVED). "no-cancer-specialist" ("Was
your treatment plan made without a cancer doctor who treats your type of
cancer?") became "cancer-doctor-seen": its question and help disagreed, so
its old answers are not reused and the patient is asked again.

Weights (3 strongest, 1 weakest) are our own judgment: no study has ranked
these situations, and the result says so. Each situation's weight comes
with the reason for it, shown on the result page:
- 3 ("doubt"): the diagnosis may be in doubt, or the choice of treatment is
  open (the doctors are unsure of the type or stage, no cancer doctor has
  looked, few or no options, a rare cancer, the cancer came back or grew).
- 2 ("choice"): several choices, the pick left to the patient.
- 2 ("hard-to-undo"): the plan is hard to undo or needs special skill
  (surgery first, a specialized treatment, a clinical trial, a small or
  rural hospital with fewer specialists).
- 2 ("explain"): the diagnosis is hard to understand. That is a reason of
  its own (a right to a clear explanation, which the care team can give
  too), not a sign that the diagnosis is in doubt (American Cancer Society:
  trouble understanding and communicating).
- 1 ("one-view"): one expert's view with no team review. The article lists
  "a diagnosis by a sub-specialist" without a reason; we read it as one
  angle where a team would add others, a weaker reason than the rest.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

YES, NO, UNSURE = "yes", "no", "unsure"
ANSWER_CHOICES = [(YES, _("Yes")), (NO, _("No")), (UNSURE, _("Not sure"))]
ANSWER_VALUES = frozenset(value for value, _label in ANSWER_CHOICES)


@dataclass(frozen=True)
class Weight:
    key: str
    points: int
    name: str
    reason: str


WEIGHTS: dict[str, Weight] = {
    "doubt": Weight(
        "doubt",
        3,
        _("Strong reason"),
        _(
            "It is about whether the diagnosis is right, or which treatment is best. Every "
            "later step rests on these, so we weigh them most."
        ),
    ),
    "choice": Weight(
        "choice",
        2,
        _("Reason"),
        _(
            "You have a choice to make. Another expert can help you weigh the options, and "
            "say which one they would advise."
        ),
    ),
    "hard-to-undo": Weight(
        "hard-to-undo",
        2,
        _("Reason"),
        _(
            "The plan is hard to undo, or needs special skill. Another expert can check it "
            "before it starts."
        ),
    ),
    "explain": Weight(
        "explain",
        2,
        _("Reason"),
        _(
            "You have a right to a clear explanation. Your own care team can explain it "
            "again, and a second doctor can too. On its own, this does not mean the diagnosis "
            "is in doubt."
        ),
    ),
    "one-view": Weight(
        "one-view",
        1,
        _("Weaker reason"),
        _(
            "The article lists it without saying why. We read it as one expert's view where "
            "a team would add others, so it weighs the least."
        ),
    ),
}

# Who says each situation is a time to think about a second opinion: keys of
# guides/content/sources.toml (the /sources/ page), with the name shown.
SOURCE_NAMES: dict[str, str] = {
    "buckner-weaver-2023": _("the article by Dr. Buckner and Dr. Weaver"),
    "acs-second-opinion": _("American Cancer Society"),
    "nci-rare-cancers": _("National Cancer Institute"),
    "oncolink-recurrence": _("OncoLink, from Penn Medicine"),
}


@dataclass(frozen=True)
class Situation:
    key: str
    question: str
    help: str
    why: str
    label: str
    unsure_label: str
    mine: str
    mine_unsure: str
    action: str
    ask: str
    kind: str
    guide_slug: str
    sources: tuple[str, ...]
    # The answer that means the reason applies.
    reason_answer: str = YES
    # How the question differs from the article's situation, when it does:
    # shown beside the reason on the result page and the question's page.
    adapted: str = ""

    @property
    def weight_info(self) -> Weight:
        return WEIGHTS[self.kind]

    @property
    def weight(self) -> int:
        return self.weight_info.points

    @property
    def source_links(self) -> list[tuple[str, str]]:
        """(sources.toml key, name) for each source, in order."""
        return [(key, str(SOURCE_NAMES[key])) for key in self.sources]


ARTICLE = "buckner-weaver-2023"
ACS = "acs-second-opinion"

SITUATIONS: tuple[Situation, ...] = (
    Situation(
        key="unclear-diagnosis",
        question=_("Is your diagnosis hard for you to understand?"),
        help=_(
            "For example, it was explained too fast or in words you could not follow, or you "
            "still have questions about what it means."
        ),
        why=_(
            "Knowing what your [[diagnosis]] means helps you take part in every choice. Your care "
            "team can go over it again, in plain words. A second doctor can also explain it in "
            "a new way."
        ),
        label=_("Your diagnosis is not clear to you"),
        unsure_label=_("You were not sure whether your diagnosis is clear to you"),
        mine=_("My diagnosis is not clear to me"),
        mine_unsure=_("I am not sure whether I understand my diagnosis"),
        action=_(
            "Ask your care team to go over your diagnosis again. Ask for a copy of your "
            "[[pathology report]], write down what you do not understand, and bring it to "
            "your visits."
        ),
        ask=_("Ask your care team to explain your diagnosis again, in plain words."),
        kind="explain",
        guide_slug="what-is-a-second-opinion",
        sources=(ARTICLE, ACS),
    ),
    Situation(
        key="type-or-stage-unsure",
        question=_(
            "Are your doctors unsure what type of cancer you have, or how far it has spread?"
        ),
        help=_(
            "For example, they said they need more tests to know the type or the [[stage]], or "
            "two doctors read your tests in different ways."
        ),
        why=_(
            "Your treatment depends on the type and stage of your cancer. At a second opinion, "
            "a [[pathologist]] can look at your tissue again, and a [[radiologist]] can read "
            "your scans again. This may settle the question."
        ),
        label=_("Your doctors are unsure of the type or stage of your cancer"),
        unsure_label=_(
            "You were not sure whether your doctors know the type and stage of your cancer"
        ),
        mine=_("My doctors are unsure of the type or stage of my cancer"),
        mine_unsure=_("I am not sure whether my doctors know the type and stage of my cancer"),
        action=_(
            "Ask for copies of your [[pathology report]] and scan reports. Ask a "
            "[[cancer center]] whether its pathologists can look at your slides again."
        ),
        ask=_("Ask your care team whether they are sure of the type and stage of your cancer."),
        kind="doubt",
        guide_slug="who-should-consider-one",
        sources=(ACS,),
    ),
    Situation(
        key="came-back",
        question=_("Has your cancer come back, or grown or spread, during or after treatment?"),
        help=_(
            "This is called a [[recurrence]] or [[progression]]. Answer No if this is a new "
            "diagnosis."
        ),
        why=_(
            "When cancer comes back or grows, the choices may be quite different from the "
            "first time. There may be newer treatments or [[clinical trials|clinical-trial]]. "
            "New tests of the cancer may also help choose what comes next."
        ),
        label=_("Your cancer has come back, or grown or spread"),
        unsure_label=_("You were not sure whether your cancer has come back or grown"),
        mine=_("My cancer has come back, or grown or spread"),
        mine_unsure=_("I am not sure whether my cancer has come back or grown"),
        action=_(
            "Ask whether a new [[biopsy]] or [[biomarker testing]] could help choose what comes "
            "next. Ask a center that treats many people with your cancer about newer "
            "treatments and trials."
        ),
        ask=_("Ask your care team what your latest scans and tests show."),
        kind="doubt",
        guide_slug="when-cancer-comes-back",
        sources=("oncolink-recurrence",),
    ),
    Situation(
        key="cancer-doctor-seen",
        question=_("Has a cancer doctor (an [[oncologist]]) looked at your diagnosis and plan?"),
        help=_(
            "Answer Yes if an oncologist, or a team of cancer doctors, has seen your case. "
            "Answer No if only your family doctor or a general surgeon has planned your care."
        ),
        why=_(
            "A cancer doctor, best of all one who treats your type of cancer, sees many cases "
            "like yours. They may read your tests in another way, or suggest other tests or "
            "treatments."
        ),
        label=_("No cancer doctor has looked at your diagnosis and plan"),
        unsure_label=_(
            "You were not sure whether a cancer doctor has looked at your diagnosis and plan"
        ),
        mine=_("No cancer doctor has looked at my diagnosis and plan"),
        mine_unsure=_("I am not sure whether a cancer doctor has looked at my diagnosis and plan"),
        action=_(
            "Ask to see an [[oncologist]] who treats your type of cancer, or ask for a "
            "[[referral]] to a [[cancer center]]."
        ),
        ask=_("Ask your care team whether a cancer doctor has checked your diagnosis and plan."),
        kind="doubt",
        guide_slug="who-should-consider-one",
        sources=(ARTICLE,),
        reason_answer=NO,
        adapted=_(
            "The article names a first diagnosis made by a doctor who is not a cancer "
            "specialist. We ask about your plan too, not only the diagnosis."
        ),
    ),
    Situation(
        key="single-expert",
        question=_("Did one specialist make your diagnosis and plan on their own?"),
        help=_(
            "Answer Yes if one doctor who focuses on your kind of cancer made them, and no "
            "[[tumor board]] has talked about your case. A tumor board is a meeting where "
            "different kinds of cancer doctors look at a case together."
        ),
        why=_(
            "The article this site is based on lists a diagnosis by a [[sub-specialist]] as a "
            "reason, without saying why. One expert sees your case from one side. A team of "
            "different experts can add other views."
        ),
        label=_("One specialist made your diagnosis, and no team has looked at it"),
        unsure_label=_("You were not sure whether a team of experts has looked at your case"),
        mine=_("One specialist made my diagnosis, and no team has looked at it"),
        mine_unsure=_("I am not sure whether a team of experts has looked at my case"),
        action=_(
            "Ask whether your case could go to a [[tumor board]], where doctors from other fields "
            "look at it together."
        ),
        ask=_("Ask your care team whether a [[tumor board]] has talked about your case."),
        kind="one-view",
        guide_slug="who-should-consider-one",
        sources=(ARTICLE,),
    ),
    Situation(
        key="few-options",
        question=_("Have you been told there are few or no treatment options for you?"),
        help=_("For example, you were told nothing more can be done, or there is only one choice."),
        why=_(
            "Cancer care changes fast. A center that focuses on your cancer may know of newer "
            "treatments or [[clinical trials|clinical-trial]]."
        ),
        label=_("You were told there are few or no treatment options"),
        unsure_label=_("You were not sure whether you have few or no treatment options"),
        mine=_("I was told there are few or no treatment options for me"),
        mine_unsure=_("I am not sure how many treatment options I have"),
        action=_(
            "Ask a cancer center that treats many people with your cancer whether they see "
            "other choices, clinical trials included."
        ),
        ask=_("Ask your care team what all your treatment choices are."),
        kind="doubt",
        guide_slug="why-it-matters",
        sources=(ARTICLE,),
    ),
    Situation(
        key="several-options",
        question=_("Have your doctors offered you several treatments and asked you to choose?"),
        help=_(
            "For example, you were told surgery or radiation could both work, and it is up to "
            "you. Answer No if your doctors have said which one they advise for you."
        ),
        why=_(
            "When there is more than one good choice, another expert can help you weigh them. "
            "They can also say which one they would advise for someone like you, and why."
        ),
        label=_("Your doctors offered several treatments and asked you to choose"),
        unsure_label=_(
            "You were not sure whether your doctors advise one treatment over the others"
        ),
        mine=_("My doctors offered several treatments and asked me to choose"),
        mine_unsure=_("I am not sure whether my doctors advise one treatment over the others"),
        action=_(
            "Ask each doctor which choice they would advise for you, and why. Bring a list of "
            "the choices and what matters most to you."
        ),
        ask=_("Ask your care team whether they advise one treatment over the others, and why."),
        kind="choice",
        guide_slug="who-should-consider-one",
        sources=(ACS,),
    ),
    Situation(
        key="clinical-trial",
        question=_("Does your treatment plan include a [[clinical trial]]?"),
        help=_("A clinical trial is a study that tests a new treatment in people."),
        why=_(
            "Another expert can help you weigh the trial against the usual treatment, and "
            "check that it fits your cancer."
        ),
        label=_("Your plan includes a clinical trial"),
        unsure_label=_("You were not sure whether your plan includes a clinical trial"),
        mine=_("My plan includes a clinical trial"),
        mine_unsure=_("I am not sure whether my plan includes a clinical trial"),
        action=_(
            "Bring the trial's consent form and summary. Ask how the trial compares with "
            "the usual treatment."
        ),
        ask=_("Ask your care team whether any part of your plan is a clinical trial."),
        kind="hard-to-undo",
        guide_slug="who-should-consider-one",
        sources=(ARTICLE,),
    ),
    Situation(
        key="rare-cancer",
        question=_("Have you been told your cancer is rare?"),
        help=_(
            "A cancer is called rare when fewer than 15 in every 100,000 people get it each "
            "year (National Cancer Institute). There are many kinds: together they make up "
            "about 1 in 5 cancers."
        ),
        why=_(
            "With a rare cancer, a doctor who has seen many cases like yours can make a big "
            "difference. Such doctors are often at major [[cancer centers|cancer-center]]."
        ),
        label=_("Your cancer is rare"),
        unsure_label=_("You were not sure whether your cancer is rare"),
        mine=_("My cancer is rare"),
        mine_unsure=_("I am not sure whether my cancer is rare"),
        action=_(
            "Look for a cancer center or doctor who sees many people with your exact type "
            "of cancer. Your oncologist can help you find one."
        ),
        ask=_("Ask your care team how common your type of cancer is."),
        kind="doubt",
        guide_slug="where-to-go",
        sources=(ARTICLE, "nci-rare-cancers"),
    ),
    Situation(
        key="surgery-first",
        question=_("Does your plan make surgery the main treatment?"),
        help=_("For example, an operation to remove the cancer is the first or only step."),
        why=_(
            "Surgery cannot be undone. Another expert can check whether surgery is the best "
            "first step, or whether other treatment should come first."
        ),
        label=_("Surgery is the main treatment in your plan"),
        unsure_label=_("You were not sure whether surgery is the main treatment in your plan"),
        mine=_("Surgery is the main treatment in my plan"),
        mine_unsure=_("I am not sure whether surgery is the main treatment in my plan"),
        action=_(
            "Ask whether other treatments could come before or instead of surgery. Bring your "
            "scan reports and the surgeon's plan."
        ),
        ask=_("Ask your care team whether surgery is the main part of your plan."),
        kind="hard-to-undo",
        guide_slug="who-should-consider-one",
        sources=(ARTICLE,),
    ),
    Situation(
        key="small-hospital",
        question=_("Were you diagnosed at a small or rural hospital?"),
        help=_("For example, a local hospital far from a big city or a cancer center."),
        why=_(
            "Small hospitals may have fewer cancer experts and fewer kinds of tests. A large "
            "cancer center may offer more."
        ),
        label=_("You were diagnosed at a small or rural hospital"),
        unsure_label=_("You were not sure whether your hospital counts as small or rural"),
        mine=_("I was diagnosed at a small or rural hospital"),
        mine_unsure=_("I am not sure whether my hospital counts as small or rural"),
        action=_(
            "Ask your doctor for a [[referral]] to a cancer center. Ask whether records can be "
            "sent ahead, so you may need only one trip."
        ),
        ask=_("Ask your care team how many people with your cancer their hospital treats."),
        kind="hard-to-undo",
        guide_slug="where-to-go",
        sources=(ARTICLE,),
    ),
    Situation(
        key="specialized-treatment",
        question=_("Does your plan involve a specialized treatment?"),
        help=_(
            "For example, a stem cell transplant, a new kind of radiation, or a treatment "
            "only a few places offer."
        ),
        why=_(
            "Special treatments need special skills. A team that gives this treatment often "
            "can tell you if it fits your case."
        ),
        label=_("Your plan involves a specialized treatment"),
        unsure_label=_("You were not sure whether your plan involves a specialized treatment"),
        mine=_("My plan involves a specialized treatment"),
        mine_unsure=_("I am not sure whether my plan involves a specialized treatment"),
        action=_(
            "Ask how often the center gives this treatment, and what other choices there are."
        ),
        ask=_("Ask your care team whether any part of your plan is a specialized treatment."),
        kind="hard-to-undo",
        guide_slug="who-should-consider-one",
        sources=(ARTICLE,),
    ),
)

BY_KEY: dict[str, Situation] = {s.key: s for s in SITUATIONS}
KEYS: tuple[str, ...] = tuple(BY_KEY)


def phrase(key: str, value: str, mine: bool = False) -> str:
    """How an answer reads back: the reason as a fact, a Not sure as a question still open.

    ``mine`` gives the first person, for the PDF. Other answers have no phrase.
    """
    situation = BY_KEY[key]
    if value == situation.reason_answer:
        return str(situation.mine if mine else situation.label)
    if value == UNSURE:
        return str(situation.mine_unsure if mine else situation.unsure_label)
    return ""
