from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("teams", "0004_team_division"),
    ]

    operations = [
        migrations.AddField(
            model_name="team",
            name="city",
            field=models.CharField(max_length=100, null=True),
        ),
    ]
