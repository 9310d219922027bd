# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The items of i-PRO's Camera Hardening Guide, with their mappings to two standards.

Each item carries its section number in the guide, its protection level, a short
title, and the requirements it supports in IEC 62443-4-2:2019 (component
requirements, CR, and the embedded-device requirement EDR 3.10) and ETSI
EN 303 645 V2.1.1 (provisions). A mapping names a requirement that the setting
helps a camera meet; it does not claim that the camera meets the whole
requirement. An item maps to no provision where no requirement fits closely.
"""

from __future__ import annotations

from collections import namedtuple

LEVELS = ('entry', 'standard', 'advanced')

GuideItem = namedtuple('GuideItem', 'section level title iec62443 etsi')

ITEMS = (
    GuideItem('2.1', 'entry', 'Initialize an unknown configuration', ('CR 7.6',), ()),
    GuideItem('2.2', 'entry', 'Run the latest firmware', ('EDR 3.10',), ('5.3-5',)),
    GuideItem('2.3', 'entry', 'Set a strong administrator password', ('CR 1.5', 'CR 1.7'), ('5.1-1',)),
    GuideItem('2.4', 'entry', 'Give users the lowest access level', ('CR 1.3', 'CR 2.1'), ()),
    GuideItem('2.5', 'entry', 'Use Digest authentication', ('CR 1.1',), ('5.1-3',)),
    GuideItem('2.6', 'entry', 'Set the network mode by design', ('CR 7.6',), ()),
    GuideItem('2.7', 'entry', 'Synchronize the clock with NTP', ('CR 2.11',), ()),
    GuideItem('2.8', 'entry', 'Keep audio off', ('CR 7.7',), ('5.6-1',)),
    GuideItem('2.9', 'entry', 'Lock the SD card with a password', ('CR 4.1',), ()),
    GuideItem('3.1', 'standard', 'Know the open ports', ('CR 7.7',), ('5.6-1',)),
    GuideItem('3.2.1', 'standard', 'Turn the FTP server off', ('CR 7.7',), ('5.6-1',)),
    GuideItem('3.2.2', 'standard', 'Turn the FTP client off', ('CR 7.7',), ('5.6-1',)),
    GuideItem('3.2.3', 'standard', 'Turn UPnP port forwarding off', ('CR 7.7',), ('5.6-1',)),
    GuideItem('3.2.4', 'standard', 'Limit Easy IP Setup to 20 minutes', ('CR 7.7',), ('5.6-2',)),
    GuideItem('3.2.5', 'standard', 'Send e-mail over SSL', ('CR 3.1', 'CR 4.1'), ('5.5-1',)),
    GuideItem('3.3', 'standard', 'Allow only known hosts', (), ()),
    GuideItem('3.4', 'standard', 'Serve HTTPS only', ('CR 1.8', 'CR 3.1', 'CR 4.1'), ('5.5-1', '5.5-7')),
    GuideItem('3.5', 'standard', 'Stream over HTTPS (Internet mode)', ('CR 4.1',), ('5.5-1', '5.8-1')),
    GuideItem('3.6', 'standard', 'Encrypt recordings', ('CR 4.1',), ()),
    GuideItem('3.7', 'standard', 'Detect alteration of recordings', ('CR 3.4',), ()),
    GuideItem('3.8', 'standard', 'Stream with SRTP', ('CR 3.1', 'CR 4.1'), ('5.5-1', '5.8-1')),
    GuideItem('4.1', 'advanced', 'Use IEEE 802.1X', ('CR 1.2',), ()),
    GuideItem('4.2', 'advanced', 'Use SNMPv3', ('CR 3.1', 'CR 4.1'), ('5.5-1',)),
    GuideItem('5.3', 'advanced', 'Review the system log', ('CR 2.8', 'CR 6.1', 'CR 6.2'), ('5.10-1',)),
)

BY_SECTION = {item.section: item for item in ITEMS}

# Position of each section in guide order; sorting by it keeps 3.2.5 before 3.3.
ORDER = {item.section: index for index, item in enumerate(ITEMS)}
