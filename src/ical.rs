//! Reading local calendars: one `.ics` file or a vdir folder. (Being built.)
