// Bank statements are imported by staff (HTTP) or by an operator's command on the server (the system): the
// shared audit-log writer with its staff actor.
export { writeStaffAudit as writeAudit, type StaffActor as Actor } from '../audit/log.ts';
