"""The principled lines drawn after the held-out set's error classes (docs/scoring.md).

Every phrasing here is new: none is copied from a labelled set. Each class is tested on
both sides of its line, in both languages.
"""

from __future__ import annotations

import pytest

from .helpers import rules_of, score


def _apology(reply: str, lang: str) -> float:
    return score(reply, language=lang, phase="empathy")["apology"].score


# --------------------------------------------------------------------------- apology
@pytest.mark.parametrize(("reply", "lang"), [
    # hedged object ("any") or hedged cause ("may have caused"): nothing is owned
    ("We apologise for any disruption to your service.", "en"),
    ("Sorry for any issues this might have created.", "en"),
    ("Pedimos disculpas por cualquier molestia.", "es"),
    ("Lamentamos los trastornos que ello pudiera causarle.", "es"),
    # the customer's experience or view, not what happened
    ("I'm sorry to hear you had an unpleasant experience.", "en"),
    ("It's a pity that you think the fee is too high.", "en"),
    ("Siento que haya vivido una experiencia desagradable.", "es"),
    ("Es una lástima que lo vea de esa forma.", "es"),
    ("Lamento que te sientas engañado.", "es"),
    # but-justification after apologise / regret, not only sorry
    ("I apologize for the wait, but we have a lot of customers today.", "en"),
    ("We regret the delay, however the carrier sets the dates.", "en"),
    ("Lamentamos el retraso, pero el almacén va con mucho volumen.", "es"),
])
def test_hedged_and_justified_apologies_are_non_apologies(reply, lang):
    assert _apology(reply, lang) < 0, reply


@pytest.mark.parametrize(("reply", "lang"), [
    # the definite article owns the inconvenience: genuine
    ("I'm so sorry for the inconvenience this caused you.", "en"),
    ("I'm really sorry for the trouble with your booking.", "en"),
    ("Siento mucho las molestias que le ha causado el retraso.", "es"),
    # ownership without the word sorry
    ("That one's on us, Priya, and I'm fixing it now.", "en"),
    ("This was completely our mistake.", "en"),
    ("We dropped the ball on your order.", "en"),
    ("Qué pena lo sucedido con su maleta, Luis.", "es"),
    ("Ha sido un fallo nuestro, y lo arreglo hoy.", "es"),
    ("Le pido disculpas por el cobro doble.", "es"),
])
def test_owning_apologies_are_genuine(reply, lang):
    assert _apology(reply, lang) > 0, reply


@pytest.mark.parametrize(("reply", "lang"), [
    ("It's not on us, the courier lost it.", "en"),
    ("No es un error nuestro.", "es"),
])
def test_denied_ownership_is_no_apology(reply, lang):
    assert _apology(reply, lang) <= 0, reply


# --------------------------------------------------------------------------- calm
@pytest.mark.parametrize(("reply", "lang"), [
    ("Your ticket status: RESOLVED. I'll keep an eye on it.", "en"),
    ("The tracking shows your order as DISPATCHED this morning.", "en"),
    ("Your parcel is marked as RETURNED TO SENDER, so I'll rebook it.", "en"),
    ("El estado de su pedido es CANCELADO; lo reactivo ahora.", "es"),
    ("En el sistema su reserva consta como PENDIENTE.", "es"),
])
def test_status_words_from_a_system_are_not_shouting(reply, lang):
    assert "calm.shouting" not in rules_of(score(reply, language=lang), "calm"), reply


@pytest.mark.parametrize(("reply", "lang"), [
    ("The shop is CLOSED on Sundays, I told you.", "en"),
    ("I SAID it is PENDING.", "en"),
    ("¡Le he dicho que está CERRADO!", "es"),
])
def test_emotional_capitals_are_still_shouting(reply, lang):
    assert "calm.shouting" in rules_of(score(reply, language=lang), "calm"), reply


@pytest.mark.parametrize(("reply", "lang"), [
    ("You seriously need to relax.", "en"),
    ("Why are you screaming at me?", "en"),
    ("Have you even opened the attachment?", "en"),
    ("Read the small print.", "en"),
    ("Brilliant, another customer who can't read.", "en"),
    ("Necesita relajarse antes de seguir.", "es"),
    ("¿Por qué me chilla?", "es"),
    ("¿Pero has mirado el correo que te mandé?", "es"),
    ("Revise las condiciones.", "es"),
    ("Vaya suerte, otro cliente que no lee.", "es"),
    ("Disculpe, pero no es culpa nuestra que el banco tarde.", "es"),
])
def test_calm_violations_without_keywords(reply, lang):
    assert score(reply, language=lang)["calm"].score < 0, reply


@pytest.mark.parametrize(("reply", "lang"), [
    # Known limits of the learned calm head (scorer 2.0): it reads a troubleshooting
    # question as speculation about what the customer did, and "Great," as an opener as
    # sarcasm. Strict xfail: when it stops, the mark must go.
    pytest.param("Have you checked your spam folder?", "en", marks=pytest.mark.xfail(
        strict=True, reason="learned head: troubleshooting question read as blame")),
    ("Great, another option is to pick it up in store.", "en"),  # read as sarcasm until model 2026.12.6
    ("Disculpe, pero necesito su número de pedido para buscarlo.", "es"),
    ("Qué bien, ahora ya le funciona.", "es"),
])
def test_plain_questions_and_openers_stay_calm(reply, lang):
    assert score(reply, language=lang)["calm"].score >= 0, reply


# --------------------------------------------------------------------------- promises
def _over(reply: str, lang: str, **policy) -> bool:
    res = score(reply, language=lang, phase="negotiation", policy=policy)
    return "over_promised" in res.signals


@pytest.mark.parametrize(("reply", "lang"), [
    ("Your account will be corrected by end of day.", "en"),
    ("Your service should come back within the hour.", "en"),
    ("You'll have the money back within 24 hours.", "en"),
    ("Me aseguro de que le quede corregido en una hora.", "es"),
    ("El técnico se lo deja instalado esta misma tarde.", "es"),
])
def test_short_times_are_over_promises(reply, lang):
    assert _over(reply, lang, min_days=3), reply


@pytest.mark.parametrize(("reply", "lang"), [
    ("I'll update you tomorrow with what the technician finds.", "en"),
    ("I'll personally call you this afternoon to book the repair.", "en"),
    ("Le escribo mañana con lo que diga el técnico.", "es"),
    ("Le llamaremos esta tarde para concretar la reparación.", "es"),
])
def test_call_backs_and_updates_are_not_promises_of_the_fix(reply, lang):
    assert not _over(reply, lang, min_days=3), reply


@pytest.mark.parametrize(("reply", "lang"), [
    ("I've submitted a full refund for you.", "en"),
    ("You'll be refunded in full by the end of the week.", "en"),
    ("Me ocupo de que le devuelvan todo el importe.", "es"),
])
def test_refunds_made_or_requested_beyond_policy(reply, lang):
    assert _over(reply, lang, min_days=1, can_refund=False), reply
    assert not _over(reply, lang, min_days=1, can_refund=True), reply


# =========================================================================== round 2
# Error classes found with blind set 1 (docs/scoring.md). New phrasings only.

# ------------------------------------------------------- apology undone by excuse or blame
@pytest.mark.parametrize(("reply", "lang"), [
    # an excuse right after the apology (busy, short-staffed, doing our best, "es que")
    ("Apologies for the slow reply. We're completely snowed under this week.", "en"),
    ("Sorry for the wait! Everyone is really busy today.", "en"),
    ("Sorry, we're doing all we can.", "en"),
    ("Perdone el retraso, es que el sistema se ha caído.", "es"),
    ("Lamentamos la espera: estamos totalmente saturados con las rebajas.", "es"),
    ("Disculpe, hoy hay demasiados pedidos.", "es"),
    # blame after the apology: "if you had..., this wouldn't have happened"
    ("Sorry about the charge, but if you had cancelled before the 1st it would never have happened.", "en"),
    ("Siento el cargo, la verdad es que si usted lo hubiera cancelado a tiempo no habría ocurrido.", "es"),
])
def test_apology_followed_by_excuse_or_blame_is_non_apology(reply, lang):
    assert _apology(reply, lang) < 0, reply


@pytest.mark.parametrize(("reply", "lang"), [
    ("I'm so sorry about the wait. I've moved you to the front of the queue.", "en"),
    ("Sorry for the wait, we're busy sorting your replacement right now.", "en"),
    ("Siento mucho la espera. Ya le he pasado al principio de la cola.", "es"),
    ("Qué pena con ustedes, el cobro fue un error: ya lo estoy anulando.", "es"),
])
def test_apology_followed_by_action_stays_genuine(reply, lang):
    assert _apology(reply, lang) > 0, reply


@pytest.mark.parametrize(("reply", "lang"), [
    ("It's not something I need to apologise for: the weather closed the road.", "en"),
])
def test_impersonal_refusals_are_refusals(reply, lang):
    assert "apology.refusal" in rules_of(score(reply, language=lang, phase="empathy"), "apology")


# ------------------------------------------------------- calm: condescension and impatience
@pytest.mark.parametrize(("reply", "lang"), [
    ("Did you even try plugging it in?", "en"),
    ("Actually, the charge isn't a mistake, it's the deposit.", "en"),
    ("Ugh. Have you restarted the router?", "en"),
    ("We can't keep wasting our time on this, can we?", "en"),
    ("You're being unreasonable, the train was ten minutes late.", "en"),
    ("If you continue being abusive I'll end this chat.", "en"),
    ("We DID send it, Mr Hale.", "en"),
    ("¿Está seguro de que lo enchufó?", "es"),
    ("En realidad, Marta, el cargo no es un error: es la fianza.", "es"),
    ("Buf, ya estamos otra vez. ¿Ha reiniciado el router?", "es"),
    ("Si sigue insultando, tendré que cortar la llamada.", "es"),
    ("No me haga perder el tiempo, por favor.", "es"),
    ("Anda, otra reclamación por el mismo paquete.", "es"),
    ("Lo que está leyendo es el recibo antiguo, no la factura.", "es"),
    ("If you had told us about the allergy, the kitchen would not have used nuts.", "en"),
])
def test_condescension_impatience_and_threats_cost_calm(reply, lang):
    assert score(reply, language=lang)["calm"].score < 0, reply


@pytest.mark.parametrize(("reply", "lang"), [
    ("I'm sorry, you should have received a confirmation e-mail from us.", "en"),
    ("Your parcel is in LOCKER 12 and the door code is 5521.", "en"),
    ("The pickup point shows your parcel as READY.", "en"),
    ("Le adjunto el PDF con el IBAN y el CUPS.", "es"),
    ("Su paquete está en la TAQUILLA 7, que ya está DISPONIBLE para la recogida.", "es"),
    ("Actually, I can do a bit better: I'll waive the fee.", "en"),
    ("Seguro que lo solucionamos hoy mismo.", "es"),
])
def test_labels_recipients_and_plain_openers_stay_calm(reply, lang):
    assert score(reply, language=lang)["calm"].score >= 0, reply


# ------------------------------------------------------- promises
@pytest.mark.parametrize(("reply", "lang", "policy"), [
    # "won't ... again" is an absolute, whatever the verb
    ("Your order won't go missing again.", "en", {"min_days": 1}),
    ("Esto no le volverá a suceder, se lo digo yo.", "es", {"min_days": 1}),
    ("Su bono no volverá a caducar antes de tiempo.", "es", {"min_days": 1}),
    # a guarantee is not bought back by a realistic time in the same reply
    ("I guarantee the card will reach you within 10 working days.", "en", {"min_days": 10}),
    ("Le garantizo que lo recibirá en un plazo de 10 días hábiles.", "es", {"min_days": 10}),
    # payouts and things handed over now
    ("The compensation will be paid out within 24 hours.", "en", {"min_days": 7}),
    ("You'll have a replacement van in twenty minutes.", "en", {"min_days": 2}),
    ("En diez minutos le traemos otra mesa.", "es", {"min_days": 2}),
    # chat shorthand
    ("it'll be with u tmr!", "en", {"min_days": 3}),
    # refunds asked of someone else, when refunds are not allowed
    ("I've asked the accounts team to refund the extra charge.", "en", {"min_days": 1}),
    ("He pedido a facturación que le devuelvan el primer recibo.", "es", {"min_days": 1}),
])
def test_round2_over_promises(reply, lang, policy):
    assert _over(reply, lang, **policy), reply


@pytest.mark.parametrize(("reply", "lang"), [
    # a past "should have" and a past time are facts
    ("You should have got the reminder this morning — it went out at 8.", "en"),
    # the time belongs to the call; what follows is what the call is about
    ("Our nurse will call you today to check you have enough until then.", "en"),
    ("El técnico le llamará hoy para confirmar que tiene acceso hasta entonces.", "es"),
])
def test_round2_facts_and_check_ins_are_not_promises(reply, lang):
    assert not _over(reply, lang, min_days=3), reply


# --------------------------------------------------------------------------- codes in capitals
@pytest.mark.parametrize(("reply", "lang"), [
    ("Your filter meets NSF/ANSI 42, and the DSL kit ships today.", "en"),
    ("We'll rebook you from JFK to SFO on the next flight.", "en"),
    ("Su reembolso sale por SPEI hoy y verá el folio en la app de BBVA.", "es"),
    ("Puede seguirlo en la web de RENFE o pagar con PSE.", "es"),
])
def test_runs_of_unknown_codes_are_not_shouting(reply, lang):
    assert "calm.shouting" not in rules_of(score(reply, language=lang), "calm"), reply


@pytest.mark.parametrize(("reply", "lang"), [
    ("I HEAR YOU, there is no need to repeat it.", "en"),
    ("Please READ WHAT I WROTE.", "en"),
    ("YA LE HE DICHO que no hay reembolso.", "es"),
])
def test_shouted_words_stay_shouting_beside_the_code_rule(reply, lang):
    assert "calm.shouting" in rules_of(score(reply, language=lang), "calm"), reply


# --------------------------------------------------------------------------- letter formula
@pytest.mark.parametrize(("reply", "lang"), [
    ("Dear Mr Ortega,\n\nWe are sorry you were let down by the delivery of your sofa. Your "
     "case has been passed to our Deliveries team, who will be in touch.\n\nKind regards,\n"
     "Customer Relations\nHomeFurnish Ltd", "en"),
    ("Dear Ms Achebe,\n\nWe regret that you were disappointed with the repair. Your feedback "
     "has been shared with the workshop supervisor.\n\nRegards,\nAdmin Team\nFixIt Garages", "en"),
    ("Estimada Sra. Paredes:\n\nLamentamos que perciba así nuestra atención. Su caso se ha "
     "trasladado al departamento de Facturación, que se pondrá en contacto con usted.\n\n"
     "Atentamente,\nAtención al Cliente – LuzNorte", "es"),
])
def test_a_cold_letters_formula_is_no_calm_fault(reply, lang):
    """A stiff letter that hands the case on is a hand-off, not a raised voice: the model may
    hear the formula ("Regards, Customer Relations"), which holds no words of the trainee."""
    result = score(reply, language=lang, channel="email")
    assert result["calm"].score >= 0, [(e.rule, e.text) for e in result["calm"].evidence]


# --------------------------------------------------------------------------- hand-offs
@pytest.mark.parametrize(("reply", "lang"), [
    ("Warranty repairs are handled by our service partner, FixFast.", "en"),
    ("Refunds for gift cards must be requested through the card issuer.", "en"),
    ("Please check with your insurer about the excess.", "en"),
    ("Las reclamaciones las tramita el departamento de calidad.", "es"),
    ("Comuníquese con su aseguradora para el parte.", "es"),
    ("Eso ya es entre usted y el transportista.", "es"),
])
def test_sending_the_customer_elsewhere_is_a_hand_off(reply, lang):
    assert "deflected" in score(reply, language=lang, phase="negotiation").signals, reply


@pytest.mark.parametrize(("reply", "lang"), [
    ("I've handled the refund myself, it's on its way.", "en"),
    ("Yo misma gestiono la devolución hoy y le escribo a las cinco.", "es"),
])
def test_keeping_the_case_is_no_hand_off(reply, lang):
    assert "deflected" not in score(reply, language=lang, phase="negotiation").signals, reply


# --------------------------------------------------------------------------- questions
def _kinds(reply: str, lang: str) -> tuple[str, ...]:
    return score(reply, language=lang, phase="negotiation").reading.questions


@pytest.mark.parametrize(("reply", "lang", "kind"), [
    ("Is your father-in-law alright after the fall?", "en", "wellbeing"),
    ("¿Se hizo daño su hijo con el cristal?", "es", "wellbeing"),
    ("Please pop us a DM with your membership number.", "en", "identifying_detail"),
    ("Mándanos por privado el número de socio.", "es", "identifying_detail"),
    ("If it was the side door, where exactly did the courier leave it?", "en", "when_where"),
    ("¿En qué sucursal hizo la compra?", "es", "when_where"),
])
def test_question_kinds_beyond_the_opening_words(reply, lang, kind):
    assert kind in _kinds(reply, lang), reply


@pytest.mark.parametrize(("reply", "lang"), [
    ("Anything else I can do?", "en"),
    ("¿Algo más?", "es"),
    ("Le pido que se calme.", "es"),
    ("I need you to keep this civil.", "en"),
])
def test_anything_else_and_requests_for_no_detail_ask_nothing_of_the_case(reply, lang):
    assert _kinds(reply, lang) == (), reply


@pytest.mark.parametrize(("reply", "lang"), [
    ("I've booked the engineer for Thursday morning. Would that make things easier for you?", "en"),
    ("The voucher is on your account now. That okay with you?", "en"),
    ("Le hemos abonado los 30 euros hoy. ¿Con esto quedaría todo resuelto?", "es"),
    ("Te cambio la cita al lunes a las diez. ¿Te cuadra así?", "es"),
])
def test_more_closure_checks_after_a_solution(reply, lang):
    assert "checked_closure" in score(reply, language=lang, phase="resolution").signals, reply


def test_a_question_head_adds_the_kind_the_cues_missed(monkeypatch):
    """The patterns see a yes/no question; the learned head knows the reply asks where."""
    from scoring.reader import learned_question_kinds, QuestionVerdict
    from scoring.model import Act
    from scoring.text import Prepared
    from types import MappingProxyType

    class Head:  # stands in for a trained head: the locator is not what is tested here
        name = "q_when_where"

    prep = Prepared("Was it the car park on Bridge Street?")
    yes_no = Act("question", 0, len(prep.raw), prep.raw, "computed.questions", 1.0,
                 MappingProxyType({"kind": "yes_no"}))
    import scoring.reader as reader

    monkeypatch.setattr(reader.learned, "locate", lambda head, feats, label: ((0, len(prep.raw)), None))
    sure = {"when_where": QuestionVerdict("when_where", 0.9, Head(), None, "model:x"),
            "yes_no": QuestionVerdict("yes_no", 0.1, Head(), None, "model:x")}
    acts = learned_question_kinds(prep, "en", [yes_no], sure)
    assert [a.detail["kind"] for a in acts] == ["when_where"]  # the fallback yes/no goes
    unsure = {"when_where": QuestionVerdict("when_where", 0.6, Head(), None, "model:x")}
    assert [a.detail["kind"] for a in learned_question_kinds(prep, "en", [yes_no], unsure)] == ["yes_no"]
    assert learned_question_kinds(Prepared("Thanks."), "en", [], sure) == []  # nothing asked


# --------------------------------------------------------------------------- calendar dates
@pytest.mark.parametrize(("reply", "lang", "today", "min_days", "over"), [
    # a weekday with its date is that date, not the coming weekday
    ("I've booked the engineer for Thursday 15 October, between 8 and 1, to fix the boiler.", "en",
     "2026-10-06", 7, False),
    ("The boiler will be fixed by Thursday 8 October.", "en", "2026-10-06", 7, True),
    ("Your new sofa will be delivered on the 2nd of November.", "en", "2026-10-06", 7, False),
    ("La reparación queda lista el 12 de agosto.", "es", "2026-07-23", 5, False),
    ("Le garantizo que el viernes 24 de julio tiene el equipo reparado.", "es", "2026-07-23", 5, True),
])
def test_calendar_dates_count_from_today(reply, lang, today, min_days, over):
    from datetime import date

    res = score(reply, language=lang, phase="negotiation", today=date.fromisoformat(today),
                policy={"min_days": min_days, "can_refund": True})
    assert ("over_promised" in res.signals) is over, (reply, sorted(res.signals))


def test_the_same_day_as_something_else_is_no_time_from_today():
    res = score("Le enviamos el equipo nuevo en 10 a 12 días y el mensajero recoge el viejo el "
                "mismo día de la entrega.", language="es", phase="negotiation",
                policy={"min_days": 10, "can_refund": True})
    assert "over_promised" not in res.signals


@pytest.mark.parametrize(("reply", "lang"), [
    ("Or we can keep the $58 you paid as a credit on your account.", "en"),
    ("I can refund the €30 or leave it as credit for your next visit, whichever you like.", "en"),
    ("Si prefiere, le dejamos los 45 € como saldo a favor en su cuenta.", "es"),
])
def test_a_credit_of_what_was_paid_is_a_refund_not_a_discount(reply, lang):
    assert not _over(reply, lang, can_refund=True, max_discount_percent=0), reply


def test_a_credit_is_still_a_discount_where_refunds_are_not_allowed():
    assert _over("I'll put a $20 credit on your account for the trouble.", "en",
                 can_refund=False, max_discount_percent=0)


# --------------------------------------------------------------------------- apologies taken back
@pytest.mark.parametrize(("reply", "lang"), [
    ("I'm sorry about the leak. If you'd closed the valve, none of this would have happened.", "en"),
    ("Sorry, Dev, we'll ask the sun to tone it down next time 😉", "en"),
    ("Lamento lo de la factura. Seguramente usted metió mal el número de cuenta al darse de alta.", "es"),
])
def test_an_apology_the_reply_takes_back_is_a_non_apology(reply, lang):
    assert _apology(reply, lang) < 0, reply


@pytest.mark.parametrize(("reply", "lang"), [
    ("Sorry, could you repeat the reference? The line dropped for a second.", "en"),
    ("Perdone, ¿me repite el número de pedido?", "es"),
    ("No pidas perdón, Lucía, para eso estamos. Te lo mando hoy.", "es"),
    ("There's no need to apologise, Mark. I've found your order.", "en"),
])
def test_a_softener_or_the_customers_own_apology_is_no_apology(reply, lang):
    assert _apology(reply, lang) == 0, reply


def test_an_apology_with_a_fact_after_it_stays_genuine():
    assert _apology("I'm so sorry, Aisha. The courier scanned it at the wrong address; I've sent "
                    "a replacement today.", "en") > 0
