-- A scheme's page: its history from the log (the form, activation, every contact attempt with what was explained,
-- the reviews, and the calls that matched it; docs/adr/105). Partial, so the writer pays for it only on the events
-- that name a scheme.
create index event_scheme on event ((payload->>'schemeId'), seq) where type in ('SchemeRequested', 'SchemeRejected',
    'SchemeActivated', 'VictimContactRecorded', 'VictimContactOverdue', 'FirstStageReviewSent', 'SecondStageReviewSent',
    'SchemeExtended', 'SchemeWithdrawn', 'SchemeReviewOverdue', 'SchemeMatched', 'PreviousSchemeFound',
    'GradeBelowScheme');
