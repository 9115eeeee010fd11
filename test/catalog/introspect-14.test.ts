import { describeMajor } from './other-majors.js';

// 14 has neither NULLS NOT DISTINCT nor security_invoker views, which the other corpus files use.
describeMajor(14, ['awkward-names.sql', 'legacy.sql']);
