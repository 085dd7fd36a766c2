# The reverse SQL forgets the index: after migrate teams 0001, the index is still there.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("teams", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            sql="CREATE INDEX IF NOT EXISTS teams_team_name ON teams_team (name)",
            reverse_sql="SELECT 1",
        ),
    ]
