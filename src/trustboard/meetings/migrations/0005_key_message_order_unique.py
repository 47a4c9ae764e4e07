from collections import Counter

from django.db import migrations, models


def renumber_repeated_places(apps, schema_editor):
    """Number each meeting's key messages 1 to n in the order they are shown (order, then
    the order they were written) where two share a place, as concurrent saves could leave."""
    KeyMessage = apps.get_model("meetings", "KeyMessage")
    places = Counter(KeyMessage.objects.values_list("meeting_id", "order"))
    repeated = {meeting_id for (meeting_id, _order), count in places.items() if count > 1}
    for meeting_id in repeated:
        messages = list(KeyMessage.objects.filter(meeting_id=meeting_id).order_by("order", "pk"))
        for place, message in enumerate(messages, start=1):
            message.order = place
        KeyMessage.objects.bulk_update(messages, ["order"])


class Migration(migrations.Migration):

    dependencies = [
        ("meetings", "0004_pack_public_withdrawal"),
    ]

    operations = [
        migrations.RunPython(renumber_repeated_places, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="keymessage",
            constraint=models.UniqueConstraint(
                fields=("meeting", "order"), name="key_message_order_unique",
                violation_error_message="This meeting already has a key message in that place.",
            ),
        ),
    ]
