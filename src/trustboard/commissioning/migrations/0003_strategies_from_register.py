"""Commissioning reads the strategies register (risks.Strategy) instead of keeping its own.

Each commissioning strategy becomes the register's strategy of the same title (or a new
one in the latest plan, with its summary, link and approval date), and the services and
needs topics that named it name that one. An installation with commissioning strategies
but no plan cannot be moved: the migration stops and says so.
"""

import django.db.models.deletion
from django.db import migrations, models


def strategies_to_register(apps, schema_editor):
    Old = apps.get_model("commissioning", "Strategy")
    Register = apps.get_model("risks", "Strategy")
    Plan = apps.get_model("plans", "Plan")
    Service = apps.get_model("commissioning", "Service")
    HistoricalService = apps.get_model("commissioning", "HistoricalService")
    NeedsTopic = apps.get_model("commissioning", "NeedsTopic")
    old_strategies = list(Old.objects.order_by("pk"))
    if not old_strategies:
        return
    plan = Plan.objects.order_by("-starts_on", "-pk").first()
    if plan is None:
        raise RuntimeError("Commissioning strategies need a plan to move into the strategies "
                           "register: create the plan they serve, then migrate again.")
    moved = {}
    for old in old_strategies:
        strategy = (Register.objects.filter(title=old.title).order_by("-plan__starts_on")
                    .first())
        if strategy is None:
            strategy = Register.objects.create(
                plan=plan, title=old.title, summary=old.summary, url=old.url,
                approved_on=old.approved_on,
                note=f"Moved from the commissioning strategies (owned by {old.body.name}).")
        elif old.url and not strategy.url:
            strategy.url = old.url
            strategy.save(update_fields=["url"])
        moved[old.pk] = strategy.pk
    for service in Service.objects.exclude(strategy=None):
        service.register_strategy_id = moved[service.strategy_id]
        service.save(update_fields=["register_strategy"])
    for record in HistoricalService.objects.exclude(strategy_id=None):
        record.strategy_id = moved.get(record.strategy_id)
        record.save(update_fields=["strategy"])
    for topic in NeedsTopic.objects.filter(strategies__isnull=False).distinct():
        topic.register_strategies.set({moved[pk] for pk in
                                       topic.strategies.values_list("pk", flat=True)})


class Migration(migrations.Migration):

    dependencies = [
        ("commissioning", "0002_decision_findings"),
        ("plans", "0001_initial"),
        ("risks", "0002_strategy_link"),
    ]

    operations = [
        migrations.AddField(
            model_name="needstopic",
            name="register_strategies",
            field=models.ManyToManyField(blank=True, related_name="+", to="risks.strategy"),
        ),
        migrations.AddField(
            model_name="service",
            name="register_strategy",
            field=models.ForeignKey(blank=True, null=True,
                                    on_delete=django.db.models.deletion.SET_NULL,
                                    related_name="+", to="risks.strategy"),
        ),
        migrations.AlterField(
            model_name="historicalservice",
            name="strategy",
            field=models.ForeignKey(blank=True, db_constraint=False, help_text="The strategy in the strategies register it serves.", null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name="+", to="risks.strategy"),
        ),
        migrations.RunPython(strategies_to_register, migrations.RunPython.noop),
        migrations.RemoveField(model_name="service", name="strategy"),
        migrations.RemoveField(model_name="historicalstrategy_needs_topics", name="history"),
        migrations.RemoveField(model_name="historicalstrategy_needs_topics", name="needstopic"),
        migrations.RemoveField(model_name="historicalstrategy_needs_topics", name="strategy"),
        migrations.RemoveField(model_name="strategy", name="body"),
        migrations.RemoveField(model_name="strategy", name="needs_topics"),
        migrations.DeleteModel(name="HistoricalStrategy"),
        migrations.DeleteModel(name="HistoricalStrategy_needs_topics"),
        migrations.DeleteModel(name="Strategy"),
        migrations.RenameField(model_name="service", old_name="register_strategy",
                               new_name="strategy"),
        migrations.AlterField(
            model_name="service",
            name="strategy",
            field=models.ForeignKey(blank=True, help_text="The strategy in the strategies register it serves.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="services", to="risks.strategy"),
        ),
        migrations.RenameField(model_name="needstopic", old_name="register_strategies",
                               new_name="strategies"),
        migrations.AlterField(
            model_name="needstopic",
            name="strategies",
            field=models.ManyToManyField(blank=True, help_text="Strategies in the strategies register that answer this need.", related_name="needs_topics", to="risks.strategy"),
        ),
    ]
