/** The rendered event message (what Event Viewer shows), which NXLog ships as `Message`. */
import type { SimEvent } from '../model.js';
import { MESSAGE_TITLES, schemaOf } from '../schema.js';

export function renderMessage(e: SimEvent): string {
  const d = e.data;
  const key = `${e.channel}:${e.eventId}`;
  if (e.channel === 'sysmon') {
    const lines = [MESSAGE_TITLES[key] ?? ''];
    for (const name of schemaOf(e.channel, e.eventId).fields) {
      const v = d[name] ?? '';
      // The message shows LogonId in upper-case hex (0xC61D9) while the field is lower-case (0xc61d9).
      lines.push(`${name}: ${name === 'LogonId' ? v.toUpperCase().replace(/^0X/, '0x') : v}`);
    }
    return lines.join('\r\n');
  }
  if (e.eventId === 4698) {
    return [
      'A scheduled task was created.',
      '',
      'Subject:',
      `\tSecurity ID:\t\t${d['SubjectUserSid']}`,
      `\tAccount Name:\t\t${d['SubjectUserName']}`,
      `\tAccount Domain:\t\t${d['SubjectDomainName']}`,
      `\tLogon ID:\t\t${(d['SubjectLogonId'] ?? '').toUpperCase().replace(/^0X/, '0x')}`,
      '',
      'Task Information:',
      `\tTask Name: \t\t${d['TaskName']}`,
      `\tTask Content: \t\t${(d['TaskContent'] ?? '').replace(/\n/g, '\r\n')}`,
      '',
      'Other Information:',
      `\tProcessCreationTime: \t\t${d['ClientProcessStartKey']}`,
      `\tClientProcessId: \t\t\t${d['ClientProcessId']}`,
      `\tParentProcessId: \t\t\t${d['ParentProcessId']}`,
      `\tFQDN: \t\t${d['FQDN']}`,
      '\t',
    ].join('\r\n');
  }
  return `Creating Scriptblock text (${d['MessageNumber']} of ${d['MessageTotal']}):\r\n${d['ScriptBlockText']}\r\n\r\nScriptBlock ID: ${d['ScriptBlockId']}\r\nPath: ${d['Path']}`;
}
