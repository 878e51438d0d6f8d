import { describe, expect, it } from "vitest";

import {
  addDays,
  calendarDateIn,
  daysBetween,
  formatCalendarDate,
  formatMonth,
  isCalendarDate,
} from "@/lib/calendar-date";

describe("calendar dates", () => {
  it("accepts only real YYYY-MM-DD days", () => {
    expect(isCalendarDate("2024-11-25")).toBe(true);
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(isCalendarDate("2025-02-29")).toBe(false);
    expect(isCalendarDate("2025-13-01")).toBe(false);
    expect(isCalendarDate("2025-1-5")).toBe(false);
    expect(isCalendarDate("2025-01-05T00:00:00Z")).toBe(false);
    expect(isCalendarDate("0001-01-01")).toBe(true);
    expect(isCalendarDate(20250105)).toBe(false);
  });

  it("reads today in the reference time zone, not the server's", () => {
    // 16:30 UTC on 24 Nov is already 01:30 on 25 Nov in Seoul and Kuala Lumpur is 00:30.
    const instant = new Date("2024-11-24T16:30:00Z");
    expect(calendarDateIn("UTC", instant)).toBe("2024-11-24");
    expect(calendarDateIn("Asia/Seoul", instant)).toBe("2024-11-25");
    expect(calendarDateIn("Asia/Kuala_Lumpur", instant)).toBe("2024-11-25");
    expect(calendarDateIn("America/New_York", new Date("2025-01-01T03:00:00Z"))).toBe("2024-12-31");
  });

  it("rejects an unknown time zone", () => {
    expect(() => calendarDateIn("Mars/Olympus", new Date())).toThrow(RangeError);
  });

  it("counts whole days across month, year and leap-day boundaries", () => {
    expect(daysBetween("2025-12-31", "2026-01-01")).toBe(1);
    expect(daysBetween("2026-01-01", "2025-12-31")).toBe(-1);
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(daysBetween("2025-12-31", "2026-11-29")).toBe(333);
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(() => daysBetween("2025-02-30", "2025-03-01")).toThrow(RangeError);
  });

  it("formats a date without shifting it, whatever the process time zone", () => {
    expect(formatCalendarDate("2024-11-25")).toBe("25 Nov 2024");
    expect(formatCalendarDate("2025-01-01")).toBe("1 Jan 2025");
    expect(formatMonth("2025-12-31")).toBe("December 2025");
  });
});

describe("today in the app's reference time zone", () => {
  it("reads APP_TIME_ZONE", async () => {
    const { appToday } = await import("@/lib/today");
    const instant = new Date("2026-11-29T11:30:00Z");
    const saved = process.env.APP_TIME_ZONE;
    try {
      process.env.APP_TIME_ZONE = "Pacific/Kiritimati"; // UTC+14
      expect(appToday(instant)).toBe("2026-11-30");
      process.env.APP_TIME_ZONE = "America/Los_Angeles";
      expect(appToday(instant)).toBe("2026-11-29");
      delete process.env.APP_TIME_ZONE;
      expect(appToday(new Date("2026-11-29T23:59:59Z"))).toBe("2026-11-29");
    } finally {
      if (saved === undefined) delete process.env.APP_TIME_ZONE;
      else process.env.APP_TIME_ZONE = saved;
    }
  });

  it("runs this suite in a time zone far from UTC, so shifted dates would fail", () => {
    expect(new Date("2026-01-01T00:00:00Z").getTimezoneOffset()).toBe(-14 * 60);
  });
});
