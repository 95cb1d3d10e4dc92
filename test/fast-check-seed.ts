import fc from 'fast-check';

// Property tests run the same cases every time, so a red run can be replayed and CI is never red by
// chance. To explore new cases, run with FAST_CHECK_SEED=<any integer>; a failure prints its seed.
fc.configureGlobal({ seed: Number(process.env.FAST_CHECK_SEED ?? 20_261_201) });
