#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: ipro_items
short_description: Apply a list of hardening items to a camera in one task
version_added: 0.1.0
description:
  - Runs the logic of other C(ipro_*) modules one after the other over one session with the camera, one
    list entry per item of the Camera Hardening Guide. Each entry names the module and its options, as a
    task would.
  - The level roles use it so that a camera costs Ansible one task per level instead of one per item. At
    hundreds of cameras, Ansible's own cost per task and camera is most of a run's time; see
    C(docs/scale.md).
  - Every entry is validated before the first request, so bad input fails before anything is sent. When
    an entry has O(items[].requires) and no earlier task read the model's capabilities (the
    C(ipro_camera_capabilities) fact of M(ipro.camera.ipro_info)), the task reads them first, so that an
    item the model lacks is skipped instead of rejected for its input.
  - The items run in list order. The first item that fails stops the run; the result names the items
    already applied and the items not run.
  - Reads are shared between the items of one run, and a write makes the items after it read again.
options:
  item_variables:
    description:
      - Names of variables that hold lists of items, applied one list after the other. The task reads the
        variables itself and checks their items as plain data, so that its own arguments stay small,
        since Ansible checks, copies and returns a task's arguments for every camera. The level roles use
        this.
      - Exactly one of O(items) and O(item_variables) is required.
    type: list
    elements: str
  items:
    description:
      - The items to apply, in order.
      - Exactly one of O(items) and O(item_variables) is required.
    type: list
    elements: dict
    suboptions:
      id:
        description:
          - The guide section, for example V(2.7) or V(3.2.1). It names the item in messages, diffs and the
            audit, and is a tag that C(--tags) and C(--skip-tags) match.
        type: str
        required: true
      title:
        description:
          - What the item does, shown after the section.
        type: str
        default: ''
      module:
        description:
          - The C(ipro_*) module whose logic applies the item, by short name (V(ipro_ntp)) or full name
            (V(ipro.camera.ipro_ntp)).
        type: str
        required: true
      params:
        description:
          - The module's options. Connection options given to this task apply to every item.
        type: dict
        default: {}
      switch:
        description:
          - The name of a boolean variable that turns the item on. An item whose switch is false is reported
            as skipped, naming the variable. Without a switch the item is on.
        type: str
      requires:
        description:
          - A capability the model must have, as M(ipro.camera.ipro_info) names them. On a model without it,
            the item is reported as not applicable.
        type: str
        choices: [audio, sd, srtp, dot1x, ipv6, data_encryption, alteration_detection, internet_mode]
      input_error:
        description:
          - When not empty, the item is refused with this message before anything is sent. Roles compute it
            from their variables, for example when a required password is empty.
          - Ignored while the item is switched off or not applicable.
        type: str
        default: ''
      loop:
        description:
          - Run the module once per element. A dictionary element is merged over O(items[].params); any other
            element becomes the option named by O(items[].loop_param).
        type: list
        elements: raw
      loop_param:
        description:
          - The option that a non-dictionary loop element sets, and the key that labels a dictionary element
            in results.
        type: str
        default: name
      read_only:
        description:
          - Run the item for real in check mode too. Only for items that read and change nothing, such as the
            log review of M(ipro.camera.ipro_log).
        type: bool
        default: false
      check_mode_stop:
        description:
          - In check mode, when this item would change, the items after it are not checked and are reported
            with this reason. For items whose absence keeps the camera from answering the rest, such as the
            administrator of a factory-fresh camera.
        type: str
        default: ''
      tags:
        description:
          - More tags that C(--tags) and C(--skip-tags) match, besides O(items[].id).
        type: list
        elements: str
        default: []
extends_documentation_fragment:
  - ipro.camera.connection
  - ipro.camera.connection.attributes
notes:
  - The task reads C(ansible_run_tags) and C(ansible_skip_tags), so give it the tag V(always) and let the
    items' own ids and tags do the selecting.
author:
  - ipro.camera contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: Apply three Entry items
  ipro.camera.ipro_items:
    items:
      - id: "2.5"
        title: Use Digest authentication
        module: ipro_auth
        params: {method: digest}
      - id: "2.7"
        title: Synchronize the clock with NTP
        module: ipro_ntp
        params: {mode: ntp, server_mode: manual, server: 192.0.2.123}
        switch: ipro_ntp_enabled
      - id: "2.8"
        title: Keep audio off
        module: ipro_audio
        params: {mode: "off"}
        requires: audio
  tags: [always]
'''

RETURN = r'''
items:
  description:
    - One result per item, in order, with the keys its module returns (C(before), C(after), C(commands)
      and others) and these.
    - C(status) is V(changed), V(ok), V(skipped) (with C(switched_off), C(missing_capability) or
      C(not_selected)), V(failed) or V(not_run).
    - An item with a loop has C(results), one per element, each labelled by C(item).
  returned: always
  type: list
  elements: dict
  sample:
    - {id: '2.7', title: Synchronize the clock with NTP, status: changed, changed: true,
       before: {mode: manual}, after: {mode: ntp}, commands: ['setdata TIMEADJUST=ntp']}
    - {id: '2.8', title: Keep audio off, status: skipped, changed: false, missing_capability: audio,
       msg: '2.8 skipped: this model has no audio'}
commands:
  description: The writes sent, or that check mode would send, each after its item's section.
  returned: always
  type: list
  elements: str
  sample: ['2.7: setdata TIMEADJUST=ntp']
msg:
  description: A summary naming the items changed, not applicable, failed and not run.
  returned: always
  type: str
  sample: 'changed 2.7 of 3 items; not applicable to this model: 2.8'
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.ipro.camera.plugins.module_utils.items import ARGUMENT_SPEC, SPEC_OPTIONS


def main():
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True, **SPEC_OPTIONS)
    module.fail_json(msg='ipro_items reads host variables and tags of the play, so it runs only as the '
                         'ipro.camera.ipro_items action on the controller')


if __name__ == '__main__':
    main()
