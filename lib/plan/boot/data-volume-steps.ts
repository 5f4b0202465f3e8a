import { DATA_VOLUME_ID_SETTING } from './required-settings';
import { databaseInitScript, localDatabaseSettings, type LocalDatabasePlan } from './local-database';
import { APP_ENV_FILE, LOCAL_ENV_FILE, SETTINGS_COMMAND, settingKey } from './settings-script';
import { writeFile } from './shell';
import { DATABASE_INIT_UNIT, databaseInitUnit } from './units';

/** The settings key of the data volume's id in app.env. */
const VOLUME_ID_KEY = `TIERUP_${DATA_VOLUME_ID_SETTING.replace(/[/-]/g, '_').toUpperCase()}`;

/**
 * Level 1: find the data volume by its id (on Nitro instances it is an NVMe device whose name is not the
 * attachment's; https://docs.aws.amazon.com/ebs/latest/userguide/identify-nvme-ebs-device.html), format it
 * only when it holds no filesystem (`blkid -p` exits 2 when it finds no signature), mount it at the engine's
 * home so every database file is on it, start the engine and the app's database, and tell the app
 * `TIERUP_DATABASE_ENDPOINT=127.0.0.1` with the same keys RDS settings use from level 2.
 */
export function dataVolumeSteps(db: LocalDatabasePlan, sizeGb: number): string[] {
  const mount = `$root${db.mountPoint}`;
  return [
    `volume_id=$(sed -n 's/^${VOLUME_ID_KEY}=//p' "$root${APP_ENV_FILE}")`,
    '[ -n "$volume_id" ] || { echo "tierup: no data volume id in the settings" >&2; exit 1; }',
    '# Nitro: /dev/disk/by-id names the volume id without its dash; Xen (t2 and older) shows the attachment as /dev/xvdf.',
    'device=""',
    'for _ in $(seq 1 120); do',
    '  for candidate in "$root/dev/disk/by-id/nvme-Amazon_Elastic_Block_Store_${volume_id//-/}" "$root/dev/xvdf"; do',
    '    if [ -e "$candidate" ]; then device=$candidate; break 2; fi',
    '  done',
    '  sleep "$poll"',
    'done',
    '[ -n "$device" ] || { echo "tierup: data volume $volume_id is not attached" >&2; exit 1; }',
    `dnf install -y ${db.packages.join(' ')}`,
    'if blkid -p -o value -s TYPE "$device" >/dev/null; then fs_status=0; else fs_status=$?; fi',
    'case "$fs_status" in',
    '  0) echo "tierup: $device holds a filesystem; keeping it" ;;',
    '  2) mkfs.xfs -L tierup-data "$device" ;;',
    '  *) echo "tierup: cannot tell whether $device is blank (blkid exit $fs_status); not formatting it" >&2; exit 1 ;;',
    'esac',
    `install -d "${mount}"`,
    'uuid=$(blkid -o value -s UUID "$device")',
    `grep -q "^UUID=$uuid " "$root/etc/fstab" 2>/dev/null || echo "UUID=$uuid ${db.mountPoint} xfs defaults,nofail 0 2" >> "$root/etc/fstab"`,
    `mountpoint -q "${mount}" || mount "$device" "${mount}"`,
    ...growSteps(sizeGb, mount),
    `chown ${db.owner}:${db.owner} "${mount}"`,
    `chmod 0700 "${mount}"`,
    `if [ ! -s "${mount}/tierup-app-password" ]; then (umask 077; openssl rand -hex 24 > "${mount}/tierup-app-password"); fi`,
    ...(db.engine === 'postgres' ? [`if [ ! -f "${mount}/data/PG_VERSION" ]; then postgresql-setup --initdb; fi`] : ['# MariaDB creates its system tables on first start when the data directory is empty.']),
    ...writeFile('$root/usr/local/sbin/tierup-database-init', '0755', databaseInitScript(db)),
    ...writeFile(`$root/etc/systemd/system/${DATABASE_INIT_UNIT}`, '0644', databaseInitUnit(db.service)),
    'systemctl daemon-reload',
    `systemctl enable --now ${db.service}.service ${DATABASE_INIT_UNIT}`,
    `password=$(cat "${mount}/tierup-app-password")`,
    `cat > "$root${LOCAL_ENV_FILE}" <<TIERUP_EOF`,
    ...Object.entries(localDatabaseSettings(db, '$password')).map(([path, value]) => `${settingKey(path)}=${value}`),
    'TIERUP_EOF',
    `chmod 0600 "$root${LOCAL_ENV_FILE}"`,
    `"$root${SETTINGS_COMMAND}" --wait 60`,
  ];
}

/**
 * `app.dataVolumeGb` grows the volume in place (EBS ModifyVolume). The size is in this script, so the deploy that grows
 * the volume changes the server's user data: both engines stop and start the server, and this script runs again
 * (rerun-steps.ts). The device shows the new size once the modification is optimizing; Terraform modifies the volume
 * only after the instance is back (the volume takes the instance's zone), so wait for it (bounded), then grow the
 * filesystem to the device, which xfs_growfs does online and skips when they already match
 * (https://docs.aws.amazon.com/ebs/latest/userguide/recognize-expanded-volume-linux.html).
 */
function growSteps(sizeGb: number, mount: string): string[] {
  return [
    `# A grown volume (app.dataVolumeGb: ${sizeGb}): wait until the device shows it, then grow the filesystem to the device.`,
    `want_bytes=$((${sizeGb} * 1024 * 1024 * 1024))`,
    'for _ in $(seq 1 120); do',
    '  if [ "$(blockdev --getsize64 "$device")" -ge "$want_bytes" ]; then break; fi',
    '  sleep "$poll"',
    'done',
    'have_bytes=$(blockdev --getsize64 "$device")',
    `[ "$have_bytes" -ge "$want_bytes" ] || { echo "tierup: data volume $volume_id holds $have_bytes bytes, not the ${sizeGb} GiB of app.dataVolumeGb; once its modification is optimizing (aws ec2 describe-volumes-modifications), reboot the server to grow the filesystem" >&2; exit 1; }`,
    `xfs_growfs -d "${mount}"`,
  ];
}
