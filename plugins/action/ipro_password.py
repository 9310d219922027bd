# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

from ansible_collections.ipro.camera.plugins.modules.ipro_password import ARGUMENT_SPEC, LOGIC
from ansible_collections.ipro.camera.plugins.plugin_utils.camera_action import CameraAction


class ActionModule(CameraAction):
    argument_spec = ARGUMENT_SPEC
    logic = LOGIC
