-- An id may be of any length, as the engine takes it (docs/adr/119). A B-tree entry cannot exceed 2,704 bytes, so the
-- indexes that hold an id hold its MD5 instead: 32 characters, whatever the id. The queries ask for the MD5 (for the
-- index) and the id itself (so that two ids sharing an MD5 are still told apart).
drop index event_call;
create index event_call on event (md5(payload->>'callId'))
    where type in ('CallRecorded', 'IncidentCreated', 'CallLinked');

drop index event_scheme;
create index event_scheme on event (md5(payload->>'schemeId'), seq) where type in ('SchemeRequested', 'SchemeRejected',
    'SchemeActivated', 'VictimContactRecorded', 'VictimContactOverdue', 'FirstStageReviewSent', 'SecondStageReviewSent',
    'SchemeExtended', 'SchemeWithdrawn', 'SchemeReviewOverdue', 'SchemeMatched', 'PreviousSchemeFound',
    'GradeBelowScheme');

-- The timeline's index into the log. Unique as before: the follower's "on conflict do nothing" relies on it.
alter table report_incident_event drop constraint report_incident_event_pkey;
create unique index report_incident_event_key on report_incident_event (md5(incident_id), seq);
