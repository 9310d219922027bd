# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Errors raised by the camera client and the module logic.

Every message has one shape, so an operator scanning a recap of hundreds of
cameras can read them alike:
`camera <name> (<address>): <cgi> <what failed>: <detail>; <fix>`.
"""

from __future__ import annotations


class CameraError(Exception):
    """A failure talking to one camera, with the fix the operator should apply.

    `result` carries extra keys for the task result (for example `before`,
    `expected` and `actual` when a write was not applied). `status` and
    `error` hold the HTTP status and the camera's `error=` word, if any.
    """

    def __init__(self, camera, cgi, problem, fix=None, result=None, status=None, error=None):
        self.camera = camera
        self.cgi = cgi
        self.problem = problem
        self.fix = fix
        self.result = result or {}
        self.status = status
        self.error = error
        super().__init__(self.message)

    @property
    def message(self):
        text = 'camera %s: %s %s' % (self.camera, self.cgi, self.problem)
        if self.fix:
            text += '; ' + self.fix
        return text


class OptionError(ValueError):
    """An invalid module option, found before anything is sent to the camera."""

    def __init__(self, option, problem, fix=None):
        self.option = option
        self.problem = problem
        self.fix = fix
        text = 'option %s: %s' % (option, problem)
        if fix:
            text += '; ' + fix
        super().__init__(text)


class AuthenticationError(CameraError):
    """The camera rejected the credentials or has locked the controller out.

    Never retried: each further attempt brings the camera's lockout closer.
    """
