from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("teams", "0002_team_name_index"),
    ]

    operations = [
        migrations.RunSQL(
            sql="CREATE TYPE division AS ENUM ('boys', 'girls')",
            reverse_sql="DROP TYPE division",
        ),
    ]
