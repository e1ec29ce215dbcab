"""A trainee drafts; their supervisor's co-sign (append-only, audited) lets the release go."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from planner.models import AppendOnlyError, AuditEvent, CoSign, Release
from planner.services.releases import revision_release
from planner.services.teams import revision_cosign
from tests.support.auth import browser_for
from tests.support.revisions import GATE_ANSWERS, make_revision
from tests.support.teams import build_team

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return build_team()


def urls(revision):
    kwargs = {"pk": revision.plan.client_id, "number": revision.number}
    return (reverse("planner:revision_release", kwargs=kwargs),
            reverse("planner:revision_cosign", kwargs=kwargs))


def test_a_trainee_cannot_release_their_draft(team):
    revision = make_revision(team.trainee)
    release_url, cosign_url = urls(revision)
    browser = browser_for(team.trainee)
    page = browser.get(release_url).content.decode()
    assert "your supervisor, co-signs and releases this plan" in page
    assert "Release revision" not in page
    response = browser.post(release_url, {})
    assert "A trainee cannot release a plan" in response.content.decode()
    assert browser.post(cosign_url, {}).status_code == 302
    assert not Release.objects.exists() and not CoSign.objects.exists()


def test_the_supervisor_cosigns_and_the_release_proceeds(team):
    revision = make_revision(team.trainee)
    release_url, cosign_url = urls(revision)
    supervisor = browser_for(team.lead)
    page = supervisor.get(release_url).content.decode()
    assert "Co-sign and release revision" in page
    response = supervisor.post(cosign_url, {}, follow=True)
    assert "Co-signed and released revision 1" in response.content.decode()
    cosign = CoSign.objects.get(revision=revision)
    assert cosign.cosigned_by == team.lead
    assert Release.objects.get(revision=revision).released_by == team.lead
    event = AuditEvent.objects.get(action="attest", actor_id=team.lead.pk)
    assert (event.object_type, event.object_id, event.detail) == (
        "plan_revision", str(revision.pk), "co-sign")
    assert event.clinic_id == team.clinic.pk
    # Append-only, and only once.
    with pytest.raises(AppendOnlyError):
        cosign.delete()
    with pytest.raises(AppendOnlyError):
        CoSign.objects.filter(pk=cosign.pk).update(cosigned_by=team.responsible)
    with pytest.raises(ValidationError):
        revision_cosign(user=team.lead, revision=revision)
    assert "Co-signed by" in supervisor.get(release_url).content.decode()


def test_nobody_releases_a_trainees_revision_without_the_cosign(team):
    revision = make_revision(team.trainee)
    with pytest.raises(ValidationError) as refused:
        revision_release(user=team.lead, revision=revision)
    assert refused.value.code == "cosign_missing"
    with pytest.raises(ValidationError):
        revision_cosign(user=team.responsible, revision=revision)  # not their supervisor
    assert not Release.objects.exists()


def test_an_open_gate_keeps_the_cosign_from_being_recorded_alone(team):
    revision = make_revision(team.trainee, **GATE_ANSWERS["RISK_ATTESTATION"])
    _release_url, cosign_url = urls(revision)
    response = browser_for(team.lead).post(cosign_url, {}, follow=True)
    assert "cannot be released while a gate is open" in response.content.decode()
    assert not CoSign.objects.exists() and not Release.objects.exists()


def test_a_clinicians_own_revision_needs_no_cosign(team):
    revision = make_revision(team.responsible)
    with pytest.raises(ValidationError):
        revision_cosign(user=team.lead, revision=revision)
    assert revision_release(user=team.responsible, revision=revision)


def test_the_supervisor_finds_the_drafts_waiting_for_them(team):
    from planner import selectors

    revision = make_revision(team.trainee)
    assert [r.pk for r in selectors.cosign_waiting(team.lead)] == [revision.pk]
    assert selectors.cosign_waiting(team.responsible) == []  # not their trainee
    assert selectors.cosign_waiting(team.trainee) == []
    page = browser_for(team.lead).get(reverse("planner:clinic")).content.decode()
    assert "Waiting for your co-sign" in page
    revision_cosign(user=team.lead, revision=revision)
    assert selectors.cosign_waiting(team.lead) == []


def test_erasing_a_cosigned_record_takes_the_cosign_along(team):
    from django.db.models.deletion import Collector

    from planner.services.records import client_erase, erasure_querysets

    revision = make_revision(team.trainee)
    browser_for(team.lead).post(urls(revision)[1], {})
    client = revision.plan.client
    collector = Collector(using="default")
    collector.collect([client])
    reached = {model for model, rows in collector.data.items() if rows}
    reached |= {qs.model for qs in collector.fast_deletes if qs.exists()}
    assert CoSign in reached
    assert reached <= {qs.model for qs in erasure_querysets(client)}
    client_erase(client=client, actor=team.lead, confirm_name=client.display_name)
    assert not CoSign.objects.exists() and not Release.objects.exists()
