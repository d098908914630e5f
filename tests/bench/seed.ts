// Synthetic but realistic customers: Kenyan names and towns, unique emails and phones, KRA PINs, tags.
const FIRST = ['Wanjiku', 'Otieno', 'Kamau', 'Achieng', 'Mutua', 'Njeri', 'Kiprop', 'Akinyi', 'Omondi', 'Wambui', 'Chebet', 'Mwangi', 'Nyambura', 'Barasa', 'Atieno', 'Kariuki'];
const SECOND = ['Traders', 'Hardware', 'Foods', 'Motors', 'Pharmacy', 'Supplies', 'Consultants', 'Agencies', 'Enterprises', 'Salon', 'Electronics', 'Logistics', 'Bakery', 'Textiles', 'Studios', 'Farm'];
const SUFFIX = ['Ltd', 'Limited', '& Sons', 'Co', 'Group', 'Kenya', 'Services', 'Store'];
const CITIES = ['Nairobi', 'Mombasa', 'Kisumu', 'Nakuru', 'Eldoret', 'Thika', 'Nyeri', 'Machakos', 'Kericho', 'Malindi'];
const TAGS = ['retail', 'wholesale', 'vip', 'recurring', 'export', 'government', 'ngo'];
const PREFIXES = ['0722', '0733', '0711', '0701', '0799', '0712', '0757', '0110'];

export function syntheticCustomersCsv(count: number) {
  const lines = ['Name,Email,Phone,City,KRA PIN,Status,Tags,Payment terms'];
  const namePrefixes: string[] = [];
  const emailFragments: string[] = [];
  const phoneFragments: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = `${FIRST[i % 16]} ${SECOND[Math.floor(i / 16) % 16]} ${SUFFIX[Math.floor(i / 256) % 8]} ${i}`;
    const local = `${FIRST[(i * 7) % 16]!.toLowerCase()}.${SECOND[(i * 3) % 16]!.toLowerCase()}${i}`;
    const email = `${local}@example${i % 50}.co.ke`;
    const subscriber = String(100000 + ((i * 7919) % 900000)).padStart(6, '0');
    const phone = `${PREFIXES[Math.floor(i / 900000) % 8]?.slice(0, 2)}${String(10 + (Math.floor(i / 900) % 90))}${String(i % 1000).padStart(3, '0')}${subscriber.slice(0, 3)}`;
    const pin = i % 3 === 0 ? `P${String(i).padStart(9, '0')}X` : '';
    const status = i % 10 === 0 ? 'inactive' : i % 97 === 0 ? 'suspended' : 'active';
    const tags = [TAGS[i % 7], i % 5 === 0 ? TAGS[(i + 3) % 7] : ''].filter(Boolean).join(';');
    lines.push(`"${name}",${email},${phone},${CITIES[i % 10]},${pin},${status},${tags},net_${[0, 7, 15, 30, 60][i % 5]}`);
    // Every 499th row: a prime step, so the samples cover every first name, prefix length and fragment length.
    if (i % 499 === 0) {
      namePrefixes.push(name.slice(0, 3 + (i % 4)));
      emailFragments.push(local.slice(0, 5 + (i % 5)));
      phoneFragments.push(phone.slice(-6 + (i % 3)));
    }
  }
  return { csvText: lines.join('\r\n'), samples: { namePrefixes, emailFragments, phoneFragments } };
}
