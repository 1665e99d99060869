"""What a trainee would notice, dimension by dimension, in English and Spanish.

Most cases are minimal pairs: the same reply with and without the fault, so each test
fails if the scorer stops telling them apart.
"""

from __future__ import annotations

import pytest

from .helpers import rules_of, score


# ------------------------------------------------------------------ apology
@pytest.mark.parametrize(("lang", "reply"), [
    ("en", "I'm so sorry this happened."),
    ("en", "Ana, I'm truly sorry about the mix-up with your invoice."),
    ("en", "I'm sorry you didn't receive your parcel."),  # genuine: what follows is the fact
    ("es", "Lo siento muchísimo, Ana."),
    ("es", "Disculpe las molestias."),
    ("es", "Siento muchísimo que no haya recibido su paquete."),
])
def test_genuine_apologies_score_above_zero(lang, reply):
    result = score(reply, language=lang)
    assert result["apology"].score > 0
    assert "apologised" in result.signals


@pytest.mark.parametrize(("lang", "reply"), [
    ("en", "I'm sorry you feel that way."),
    ("en", "Sorry if you were upset."),
    ("en", "I'm sorry but that's the policy."),
    ("en", "I'm not going to apologise."),
    ("es", "Lamento que lo vea así."),
    ("es", "Lo siento, pero es la política de la empresa."),
    ("es", "No voy a pedir disculpas."),
])
def test_non_apologies_score_below_zero(lang, reply):
    result = score(reply, language=lang)
    assert result["apology"].score < 0
    assert "non_apology" in result.signals and "apologised" not in result.signals


@pytest.mark.parametrize(("lang", "reply"), [
    ("en", 'You wrote "sorry doesn\'t cut it" and I hear you.'),
    ("en", "> I don't want another sorry\nI understand."),
    ("es", "Usted escribió «un lo siento no me basta», y le entiendo."),
])
def test_sorry_inside_a_quote_of_the_customer_is_no_apology(lang, reply):
    assert score(reply, language=lang)["apology"].score == 0


def test_an_apology_only_at_the_end_earns_less_than_one_at_the_start():
    late = score("The parcel left on Monday. The courier lost it. A new one ships soon. I'm sorry.")
    early = score("I'm sorry. The parcel left on Monday. The courier lost it. A new one ships soon.")
    assert 0 < late["apology"].score < early["apology"].score


# ------------------------------------------------------------------ empathy
@pytest.mark.parametrize(("lang", "good", "bad"), [
    ("en", "I understand how frustrating this delay is.", "It's just a small delay."),
    ("es", "Entiendo su molestia, debe de ser muy frustrante.", "Solo es un pequeño retraso, no es para tanto."),
])
def test_empathy_rewards_naming_the_feeling_and_penalises_minimising(lang, good, bad):
    assert score(good, language=lang)["empathy"].score > 0
    result = score(bad, language=lang)
    assert result["empathy"].score < 0 and "dismissed" in result.signals


# ------------------------------------------------------------------ mirroring
CUSTOMER_EN = "I was promised a replacement blender and it never arrived, twice now!"


def test_restating_the_customers_words_scores_higher_than_parroting_them():
    restated = score("So the replacement blender you were promised never turned up.", customer=CUSTOMER_EN)
    parroted = score("I was promised a replacement blender and it never arrived.", customer=CUSTOMER_EN)
    assert restated["mirroring"].score > 0 and "mirrored" in restated.signals
    assert parroted["mirroring"].score < restated["mirroring"].score
    assert "parroted" in parroted.signals


def test_mirroring_evidence_names_the_customers_words():
    result = score("The blender replacement you were promised is my priority.", customer=CUSTOMER_EN)
    words = {w for e in result["mirroring"].evidence for w in e.customer_words}
    assert {"blender", "replacement"} <= words


def test_spanish_family_split_by_the_stemmer_still_mirrors():
    # Snowball: frustrado -> "frustr", frustración -> "frustracion"; the family table joins them.
    result = score("Entiendo su frustración.", language="es", customer="¡Estoy muy frustrado!")
    assert result["mirroring"].score > 0
    assert result["mirroring"].evidence[0].customer_words == ("frustrado",)


def test_stop_words_are_not_mirroring():
    result = score("I will do that for you.", customer="Can you do that for me or not?")
    assert result["mirroring"].score <= 0


# ------------------------------------------------------------------ promises
@pytest.mark.parametrize(("lang", "reply", "min_days", "expect"), [
    ("en", "You'll receive it within 5 business days.", 5, 1),
    ("en", "You'll receive it within 48 hours.", 5, -1),
    ("en", "Your replacement will arrive tomorrow.", 3, -1),
    ("en", "It will be fixed by next week.", 5, 1),
    ("es", "Le llegará en 3 días hábiles.", 3, 1),
    ("es", "Le llegará mañana.", 3, -1),
    ("es", "Hoy mismo lo tiene resuelto.", 2, -1),
    ("es", "Se lo soluciono en un plazo máximo de 7 días.", 5, 1),
])
def test_promised_times_are_compared_with_the_policy(lang, reply, min_days, expect):
    result = score(reply, language=lang, phase="negotiation", policy={"min_days": min_days})
    assert (result["promises"].score > 0) == (expect > 0)
    assert (result["promises"].score < 0) == (expect < 0)
    assert ("over_promised" in result.signals) == (expect < 0)
    assert ("realistic_promise" in result.signals) == (expect > 0)


@pytest.mark.parametrize(("lang", "reply"), [
    ("en", "I guarantee it will never happen again."),
    ("en", "I'm 100% sure it arrives."),
    ("es", "Le garantizo que no volverá a pasar."),
])
def test_absolutes_are_over_promises(lang, reply):
    assert "over_promised" in score(reply, language=lang, phase="negotiation").signals


@pytest.mark.parametrize(("lang", "reply"), [
    ("en", "I ordered it 3 days ago and I'll call you tomorrow with news."),
    ("en", "I can't promise it will arrive tomorrow."),
    ("en", "You may get an email from the courier."),  # "may" is not the 4th of May
    ("es", "Hace 3 días que lo pidió; le llamaré mañana con novedades."),
    ("es", "No le puedo prometer que llegue mañana."),
])
def test_facts_updates_and_hedges_are_not_promises(lang, reply):
    assert score(reply, language=lang, phase="negotiation", policy={"min_days": 5})["promises"].score == 0


def test_offers_beyond_authority_are_over_promises_but_still_offers():
    beyond = score("I can offer you a 50% discount.", phase="negotiation", policy={"max_discount_percent": 15})
    within = score("I can offer you a 10% discount.", phase="negotiation", policy={"max_discount_percent": 15})
    assert {"offered_discount", "over_promised"} <= beyond.signals
    assert "offered_discount" in within.signals and "over_promised" not in within.signals
    refund = score("Le devolvemos el importe completo.", language="es", phase="negotiation",
                   policy={"can_refund": False})
    assert {"offered_refund", "over_promised"} <= refund.signals


def test_a_weekday_uses_the_date_when_given():
    import datetime as dt

    thursday = dt.date(2026, 11, 26)
    wednesday = dt.date(2026, 11, 25)
    reply = "It will be fixed by Friday."
    assert score(reply, phase="negotiation", policy={"min_days": 2}, today=thursday)["promises"].score < 0
    assert score(reply, phase="negotiation", policy={"min_days": 2}, today=wednesday)["promises"].score > 0


# ------------------------------------------------------------------ calm
@pytest.mark.parametrize(("lang", "reply", "signal"), [
    ("en", "CALM DOWN. It's not our fault.", "told_to_calm_down"),
    ("en", "I TOLD YOU we sent it.", "shouted"),
    ("en", "Where is it???", "shouted"),
    ("en", "You should have read the terms.", "blamed"),
    ("en", "Actually, you're wrong about that.", "argued"),
    ("en", "Oh great, another complaint.", "sarcastic"),
    ("en", "What the hell do you want?", "swore"),
    ("es", "Cálmese, por favor.", "told_to_calm_down"),
    ("es", "YA SE LO HE DICHO.", "shouted"),
    ("es", "Debería haber leído las condiciones.", "blamed"),
    ("es", "Está usted equivocado.", "argued"),
    ("es", "Sí, claro, lo que usted diga.", "sarcastic"),
    ("es", "¿Qué cojones quiere?", "swore"),
])
def test_calm_catches_each_fault(lang, reply, signal):
    result = score(reply, language=lang)
    assert result["calm"].score < 0
    assert signal in result.signals


@pytest.mark.parametrize(("lang", "reply"), [
    ("en", "Your UPS tracking ID is 1Z999AA10123456784: see https://ups.com/TRACK?ID=X."),
    ("en", "I'll email the PDF ASAP, order #AB-12345."),
    ("es", "Su DNI y el envío de SEUR con código 4ES8812 están en https://seur.com/ES."),
])
def test_acronyms_urls_and_order_numbers_are_not_shouting(lang, reply):
    result = score(reply, language=lang)
    assert "shouted" not in result.signals and result["calm"].score >= 0


def test_vader_does_not_read_an_apology_as_hostility():
    # VADER alone scores this about -0.72; masked, it is not negative wording.
    result = score("I'm so sorry for the delay and the frustration this has caused you.")
    assert result["calm"].score >= 0 and "negative_tone" not in result.signals


# ------------------------------------------------------------------ listening (phase-aware)
@pytest.mark.parametrize(("lang", "invite", "explain"), [
    ("en", "Please tell me what happened.", "That's because the courier had a backlog."),
    ("es", "Cuénteme lo que le pasa.", "Es que la empresa de transporte está desbordada."),
])
def test_listening_only_counts_while_the_customer_vents(lang, invite, explain):
    assert score(invite, language=lang, phase="venting")["listening"].score > 0
    vent = score(explain, language=lang, phase="venting")
    assert vent["listening"].score < 0 and "explained_too_early" in vent.signals
    assert "listen" in vent["listening"].note.lower() or "escuche" in vent["listening"].note.lower()
    for phase in ("negotiation", "resolution"):
        assert score(invite, language=lang, phase=phase)["listening"].score == 0
        assert score(explain, language=lang, phase=phase)["listening"].score == 0


def test_a_solution_while_venting_is_too_early():
    result = score("You'll have a replacement within 5 days.", phase="venting", policy={"min_days": 5})
    assert result["listening"].score < 0 and result["promises"].score > 0


# ------------------------------------------------------------------ ownership, personal, next steps, closure
@pytest.mark.parametrize(("lang", "good", "bad"), [
    ("en", "I'll contact the courier myself today.", "That's not my department, you'll need to contact the courier."),
    ("es", "Yo me encargo de llamar hoy a la empresa de transporte.", "No es mi departamento, tiene que llamar a la empresa de transporte."),
])
def test_ownership(lang, good, bad):
    assert "took_ownership" in score(good, language=lang).signals
    result = score(bad, language=lang)
    assert result["ownership"].score < 0 and "deflected" in result.signals


@pytest.mark.parametrize("lang", ["en", "es"])
def test_personal_touch_uses_the_name_and_thanks(lang):
    reply = "Thank you, Ana." if lang == "en" else "Gracias, Ana."
    result = score(reply, language=lang, customer_name="Ana Torres")
    assert {"used_name", "thanked"} <= result.signals
    assert result["personal"].score == pytest.approx(1.0)
    assert score(reply.replace("Ana", "Luis"), language=lang, customer_name="Ana Torres")["personal"].score == 0.5


@pytest.mark.parametrize(("lang", "concrete", "vague"), [
    ("en", "I'll send a replacement by Thursday.", "We'll look into it."),
    ("es", "Le enviaré un recambio el jueves.", "Lo estamos revisando."),
])
def test_next_steps_what_when_who_beats_vague(lang, concrete, vague):
    good = score(concrete, language=lang, phase="negotiation")
    assert good["next_steps"].score >= 0.8 and "gave_next_steps" in good.signals
    assert {"next_steps.what", "next_steps.when", "next_steps.who"} <= rules_of(good, "next_steps")
    bad = score(vague, language=lang, phase="negotiation")
    assert bad["next_steps"].score < 0 and "vague" in bad.signals


@pytest.mark.parametrize(("lang", "check", "unilateral"), [
    ("en", "Does that work for you?", "I'll close this ticket now."),
    ("es", "¿Le parece bien?", "Doy por cerrada la incidencia."),
])
def test_closure(lang, check, unilateral):
    assert "checked_closure" in score(check, language=lang, phase="resolution").signals
    assert score(unilateral, language=lang, phase="resolution")["closure"].score < 0


# ------------------------------------------------------------------ etiquette
def test_email_of_more_than_three_paragraphs_is_a_wall_of_text():
    body = "\n\n".join(["This paragraph explains one more thing about the order."] * 4)
    long_mail = score(f"Dear Ana,\n\n{body}\n\nKind regards,\nLuis", channel="email")
    assert "wall_of_text" in long_mail.signals
    short = score("Dear Ana,\n\nI'm sorry.\n\nKind regards,\nLuis", channel="email")
    assert short["etiquette"].score > 0 and "wall_of_text" not in short.signals


@pytest.mark.parametrize(("lang", "public", "private"), [
    ("en", "Can you post your order number here?", "Could you send us your order number by DM?"),
    ("es", "¿Puede escribir aquí su número de pedido?", "¿Nos envía su número de pedido por privado?"),
])
def test_social_media_data_only_in_private(lang, public, private):
    assert "asked_data_in_public" in score(public, language=lang, channel="social").signals
    ok = score(private, language=lang, channel="social")
    assert ok["etiquette"].score > 0 and "asked_data_in_public" not in ok.signals
    # the same request in a private chat is fine
    assert score(public, language=lang, channel="chat")["etiquette"].score == 0


def test_slow_replies_on_live_channels():
    assert "slow_reply" in score("Sorry for the wait.", channel="chat", latency_s=150).signals
    assert "slow_reply" not in score("Sorry for the wait.", channel="email", latency_s=150).signals


# ------------------------------------------------------------------ scenario phrases
def test_a_scenarios_own_phrases_score_with_their_rule_id():
    from scoring.model import ExtraPhrase

    phrase = ExtraPhrase("ownership", 1, ("Platinum Care",), "Offer the Platinum Care plan.", "took_ownership")
    result = score("Platinum care covers it.", extra_phrases=(phrase,))
    assert result["ownership"].score > 0
    assert rules_of(result, "ownership") == {"scenario.ownership.0"}
    assert "took_ownership" in result.signals


def test_every_point_traces_back_to_a_rule_and_a_span():
    reply = "I'm so sorry, Ana!! I'll send a new one by Friday. Does that work for you?"
    result = score(reply, customer_name="Ana", phase="negotiation", customer="My kettle broke")
    for dim in result.dimensions.values():
        for e in dim.evidence:
            assert e.rule and reply[e.start:e.end] == e.text
