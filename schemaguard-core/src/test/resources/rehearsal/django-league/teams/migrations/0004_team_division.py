# Written on another branch, which did not know that 0003 creates the type.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("teams", "0003_division"),
    ]

    operations = [
        migrations.RunSQL(
            sql="CREATE TYPE division AS ENUM ('boys', 'girls', 'mixed')",
            reverse_sql="DROP TYPE division",
        ),
        migrations.RunSQL(
            sql="ALTER TABLE teams_team ADD COLUMN division division",
            reverse_sql="ALTER TABLE teams_team DROP COLUMN division",
        ),
    ]
