"""Offline evaluation: run cases through the drafter, grade, report, compare runs, calibrate graders."""
