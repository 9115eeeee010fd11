import { describeMajor } from './other-majors.js';

describeMajor(17);
