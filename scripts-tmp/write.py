import json, sys
sys.path.insert(0, '/work/wt/inspector/scripts-tmp')
from en import EN
from fr import FR
# English uses the engine's own messages for diagnostics (more specific); French has its own.
def keys(d, p=''):
    out=set()
    for k,v in d.items():
        if isinstance(v, dict): out |= keys(v, p+k+'.')
        else: out.add(p+k)
    return out
ek, fk = keys(EN), keys({k:v for k,v in FR.items() if k!='diag'})
print('missing in fr:', sorted(ek-fk)); print('missing in en:', sorted(fk-ek))
for lang, d in (('en', EN), ('fr', FR)):
    open(f'/work/wt/inspector/src/lib/i18n/inspector/{lang}.json','w').write(json.dumps({'inspector': d}, ensure_ascii=False, indent='\t')+'\n')
