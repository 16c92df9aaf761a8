"""A python3-dbusmock template: org.freedesktop.Notifications named like KDE Plasma's
server, with its Inhibit and UnInhibit methods and its Inhibited property. As Plasma does,
an inhibition ends with UnInhibit or when the connection that asked for it leaves the bus.
Every call, and every inhibition ended by a departure, is written to the mock's log."""

import dbus

BUS_NAME = 'org.freedesktop.Notifications'
MAIN_OBJ = '/org/freedesktop/Notifications'
MAIN_IFACE = 'org.freedesktop.Notifications'
SYSTEM_BUS = False


def load(mock, parameters):
    mock.inhibitions = {}  # cookie: the unique name of the connection that holds it
    mock.next_cookie = 1
    mock.watches = {}
    mock.AddMethod(MAIN_IFACE, 'GetServerInformation', '', 'ssss',
                   "ret = ('Plasma', 'KDE', '6.0', '1.2')")
    mock.AddMethod(MAIN_IFACE, 'GetCapabilities', '', 'as',
                   "ret = ['body', 'inhibitions']")
    mock.AddProperty(MAIN_IFACE, 'Inhibited', dbus.Boolean(False))


def update(self):
    inhibited = dbus.Boolean(bool(self.inhibitions))
    if self.Get(MAIN_IFACE, 'Inhibited') != inhibited:
        self.Set(MAIN_IFACE, 'Inhibited', inhibited)


@dbus.service.method(MAIN_IFACE, in_signature='ssa{sv}', out_signature='u',
                     sender_keyword='sender')
def Inhibit(self, desktop_entry, reason, hints, sender=None):
    cookie = self.next_cookie
    self.next_cookie += 1
    self.inhibitions[cookie] = sender
    if sender not in self.watches:
        def gone(owner, name=sender):
            if owner:
                return
            for c in [c for c, s in self.inhibitions.items() if s == name]:
                del self.inhibitions[c]
                self.log(f'Released {c} as its holder left')
            self.watches.pop(name).cancel()
            update(self)
        self.watches[sender] = self.connection.watch_name_owner(sender, gone)
    update(self)
    return dbus.UInt32(cookie)


@dbus.service.method(MAIN_IFACE, in_signature='u', out_signature='')
def UnInhibit(self, cookie):
    self.inhibitions.pop(int(cookie), None)
    update(self)
