"""The consultation desk's rules: pure functions, no Django, shared by the web app and the replay.

- ``calendar``: Dutch working days (``WorkCalendar``, ``dutch_calendar``);
- ``clocks``: response-time clocks in working days, paused by questions (``due_date``, ``clock_result``);
- ``config``: clock lengths per kind, escalation limits, reminders (``DeskConfig``);
- ``lifecycle``: a request's state machine (``apply``, ``allowed_events``, ``TransitionRefused``);
- ``escalation``: the four-level ladder and the days spent in each level;
- ``waiting``: waiting time against the 14-week norm;
- ``bsn``: recognising a BSN in free text and file names;
- ``quarters``: criterion-3 counts per department and quarter with the supra-regional share;
- ``replay``, ``render``, ``jsonerrors``: the event log, its JSON Schema and the report
  (``manage.py consultation replay``).
"""
